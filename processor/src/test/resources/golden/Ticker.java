package com.example;

import io.wsnova.annotations.*;
import io.wsnova.runtime.*;
import java.nio.ByteBuffer;
import java.time.Duration;

@WebSocketClient(uri = "wss://stream.example.com/v1", subprotocols = {"json"}, pingIntervalMillis = 15000)
public class Ticker {
  public record Tick(String symbol, double price) {}
  public record Ack(String id) {}

  @OnInit void init(Options options) throws java.io.IOException {}
  @OnConnect String connected(Connection connection) { return "{\"op\":\"subscribe\"}"; }
  @OnFrame(field = "type", value = "tick") void tick(Tick tick) {}
  @OnFrame(field = "type", value = "ack") Result ack(Ack ack, Connection c) throws java.io.IOException { return Result.ok(); }
  @OnFrame Result.Reply text(String text) { return null; }
  @OnFrame void binary(ByteBuffer data, FrameType type) {}
  @PrepareFrame String stamp(String text) { return text; }
  @PingPayload String ping() { return "hb"; }
  @OnPong void pong(Duration rtt) {}
  @OnDisconnect Result.Stop gone(DisconnectReason reason) { return null; }
  @OnTimeout void timeout(DisconnectReason.Timeout t, ConnectionInfo info) {}
  @ReportStatus int status() { return 3; }
}
