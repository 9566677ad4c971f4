package io.wsnova.examples;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnFrame;
import io.wsnova.annotations.OnInit;
import io.wsnova.annotations.ReportStatus;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.TimerScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A client of a JSON-RPC 2.0 API in Deribit's dialect. Every connection authenticates and asks for
 * heartbeats before it counts as ready; the token is refreshed at 70 % of its life; the subscription is
 * sent again after every reconnect; the server's heartbeat test requests are answered. All of it runs on
 * the connection's event loop, so the fields below need no locks.
 */
// README:start exchange
public class Exchange {
  record Rpc(String jsonrpc, String method, Object params) {
    static Rpc of(String method, Object params) {
      return new Rpc("2.0", method, params);
    }
  }

  record Auth(String access_token, double expires_in, String refresh_token) {}

  record Ticker(String instrument_name, double last_price) {}

  record Trade(String trade_id, double price, double amount) {}

  record Heartbeat(String type) {}

  private final String clientId;
  private final String clientSecret;
  private String refreshToken;
  final Stats stats = new Stats();

  public Exchange(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  @OnInit
  void init(Connection connection) {
    // Sent once ready, and again after every reconnect; a refusal reaches the ErrorHandler.
    connection.subscriptions().addRequest("market", Rpc.of("private/subscribe",
        Map.of("channels", List.of("ticker.BTC-PERPETUAL", "trades.BTC-PERPETUAL"))));
  }

  @OnConnect
  CompletionStage<?> connected(Connection connection) {
    stats.connects++;
    return connection.request(Rpc.of("public/auth", Map.of("grant_type", "client_credentials",
            "client_id", clientId, "client_secret", clientSecret)), Auth.class)
        .thenCompose(auth -> {
          authenticated(connection, auth);
          // 10 s: the least Deribit accepts; the server then asks at once, and every 10 s.
          return connection.request(Rpc.of("public/set_heartbeat", Map.of("interval", 10)), String.class);
        });
  }

  /** Refreshes the token at 70 % of its life, on this connection's loop, until the connection drops. */
  private void authenticated(Connection connection, Auth auth) {
    stats.tokens++;
    refreshToken = auth.refresh_token();
    connection.schedule(() -> connection.request(Rpc.of("public/auth",
            Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), Auth.class)
        .thenAccept(next -> authenticated(connection, next)),
        Duration.ofMillis((long) (auth.expires_in() * 700)), TimerScope.CONNECTION);
  }

  @OnFrame(when = {"method=subscription", "params.channel=ticker.*"}, decode = "params.data")
  void ticker(Ticker ticker) {
    stats.tickers++;
    stats.lastPrice = ticker.last_price();
  }

  @OnFrame(when = {"method=subscription", "params.channel=trades.*"}, decode = "params.data")
  void trades(List<Trade> trades) {
    stats.trades += trades.size();
  }

  @OnFrame(field = "method", value = "heartbeat", decode = "params")
  void heartbeat(Heartbeat heartbeat, Connection connection) {
    if (heartbeat.type().equals("test_request")) {
      connection.request(Rpc.of("public/test", Map.of()), Map.class).thenRun(() -> stats.heartbeatsAnswered++);
    }
  }

  @OnFrame
  void other(String text) {
    stats.unexpected++;
  }

  @ReportStatus
  Stats status() {
    return stats.copy();
  }
  // README:end exchange

  /** What the client saw; counted on the event loop, read as a copy through the status. */
  public static final class Stats {
    long connects;
    long tokens;
    long tickers;
    long trades;
    long heartbeatsAnswered;
    long unexpected;
    double lastPrice;

    Stats copy() {
      Stats s = new Stats();
      s.connects = connects;
      s.tokens = tokens;
      s.tickers = tickers;
      s.trades = trades;
      s.heartbeatsAnswered = heartbeatsAnswered;
      s.unexpected = unexpected;
      s.lastPrice = lastPrice;
      return s;
    }

    public long connects() {
      return connects;
    }

    public long tokens() {
      return tokens;
    }

    public long tickers() {
      return tickers;
    }

    public long trades() {
      return trades;
    }

    public long heartbeatsAnswered() {
      return heartbeatsAnswered;
    }

    public long unexpected() {
      return unexpected;
    }
  }
}
