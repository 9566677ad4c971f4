package io.wsnova.examples;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnDisconnect;
import io.wsnova.annotations.OnFrame;
import io.wsnova.annotations.OnPong;
import io.wsnova.annotations.PingPayload;
import io.wsnova.annotations.PrepareFrame;
import io.wsnova.annotations.ReportStatus;
import io.wsnova.annotations.WebSocketClient;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import java.time.Duration;
import java.util.List;

/**
 * A market-data client: subscribes on connect, decodes each message kind into its own record, stamps
 * every outgoing frame, pings with its own payload and measures latency from the pongs.
 */
// README:start market-data
@WebSocketClient(uri = "ws://127.0.0.1:8080/ticker", pingIntervalMillis = 250)
public class MarketData {
  public record Subscribe(String op, List<String> symbols) {}
  public record Tick(long seq, String symbol, double price) {}
  public record Subscribed(List<String> symbols) {}
  public record Problem(String message) {}
  public record Heartbeat(long ts) {}

  /** What {@code Connection.status()} shows of this handler. */
  public record Stats(long ticks, long lastSeq, long pongs, Duration latency, String lastDisconnect,
      long lastServerHeartbeat) {}

  private long ticks;
  private long lastSeq;
  private long pongs;
  private Duration latency;
  private String lastDisconnect = "none";
  private long lastServerHeartbeat;
  private int sent;
  private int pings;

  @OnConnect
  void subscribe(Connection connection) {
    connection.sendJson(new Subscribe("subscribe", List.of("EURUSD", "BTCUSD")));
  }

  @OnFrame(field = "type", value = "tick")
  void tick(Tick tick) {
    ticks++;
    lastSeq = tick.seq();
  }

  @OnFrame(field = "type", value = "subscribed")
  void subscribed(Subscribed ack) {
    System.out.println("[market-data] subscribed to " + ack.symbols());
  }

  @OnFrame(field = "type", value = "heartbeat")
  void heartbeat(Heartbeat heartbeat) {
    lastServerHeartbeat = heartbeat.ts();
  }

  @OnFrame(field = "type", value = "error")
  void problem(Problem problem) {
    System.out.println("[market-data] server error: " + problem.message());
  }

  /** Every frame we send carries an id and a timestamp: {"id":7,"ts":1732950000000,...}. */
  @PrepareFrame
  String stamp(String json) {
    sent++;
    String stamp = "{\"id\":" + sent + ",\"ts\":" + System.currentTimeMillis();
    return json.startsWith("{") && json.length() > 2 ? stamp + "," + json.substring(1) : stamp + "}";
  }

  @PingPayload
  String ping() {
    pings++;
    return "hb-" + pings;
  }

  @OnPong
  void pong(Duration roundTrip) {
    if (roundTrip != null) {
      pongs++;
      latency = roundTrip;
    }
  }

  @OnDisconnect
  void disconnected(DisconnectReason reason) {
    lastDisconnect = reason.toString();
  }

  @ReportStatus
  Stats status() {
    return new Stats(ticks, lastSeq, pongs, latency, lastDisconnect, lastServerHeartbeat);
  }
}
// README:end market-data
