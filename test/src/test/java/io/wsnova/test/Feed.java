package io.wsnova.test;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnDisconnect;
import io.wsnova.annotations.OnFrame;
import io.wsnova.annotations.OnPong;
import io.wsnova.annotations.PingPayload;
import io.wsnova.annotations.PrepareFrame;
import io.wsnova.annotations.WebSocketClient;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.TimerScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A feed handler of the kind users write: subscribes, routes by type, stamps sends, pings with a counter. */
@WebSocketClient(uri = "ws://feed.invalid/ws", pingIntervalMillis = 1000)
public class Feed {
  public record Subscribe(String op, String symbol) {}
  public record Tick(String type, String symbol, double price) {}
  public record Account(String name) {}

  final List<Tick> ticks = new ArrayList<>();
  final List<Duration> roundTrips = new ArrayList<>();
  final List<DisconnectReason> disconnects = new ArrayList<>();
  CompletableFuture<Account> account;
  int reminders;
  private int pings;
  private int stamps;

  @OnConnect
  void open(Connection c) {
    c.sendJson(new Subscribe("subscribe", "EURUSD"));
    account = c.request(new Subscribe("account", "EURUSD"), Account.class);
    c.scheduleAtFixedRate(() -> reminders++, Duration.ofSeconds(30), Duration.ofSeconds(30), TimerScope.CONNECTION);
  }

  @OnFrame(field = "type", value = "tick")
  void tick(Tick tick) {
    ticks.add(tick);
  }

  @OnFrame(field = "type", value = "bye")
  Result bye(Tick ignored) {
    return Result.close(4000, "asked to leave");
  }

  @OnFrame(field = "type", value = "boom")
  void boom(Tick ignored) {
    throw new IllegalStateException("boom");
  }

  @PrepareFrame
  String stamp(String json) {
    if (!json.startsWith("{\"op\"")) {
      return json;
    }
    stamps++;
    return "{\"n\":" + stamps + "," + json.substring(1);
  }

  @PingPayload
  String ping() {
    pings++;
    return "hb-" + pings;
  }

  @OnPong
  void pong(Duration roundTrip) {
    roundTrips.add(roundTrip);
  }

  @OnDisconnect
  void gone(DisconnectReason reason) {
    disconnects.add(reason);
  }
}
