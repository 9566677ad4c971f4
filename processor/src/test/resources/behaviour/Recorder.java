package com.example;

import io.wsnova.annotations.*;
import io.wsnova.runtime.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class Recorder {
  public record Tick(String symbol, double price) {}

  public final List<String> calls = new ArrayList<>();
  /** What the Result-typed methods return next; tests set it. */
  public Result next = Result.ok();

  @OnInit void init(Options options) { calls.add("init " + options.maxMessageSize()); }

  @ProvideConnectionInfo String where(Options options) { return "ws://localhost:1234/feed?x=1"; }

  @OnConnect String connected(ConnectionInfo info, Connection connection) {
    calls.add("connect " + info.port() + " " + (connection != null));
    return "hello";
  }

  @OnFrame(field = "type", value = "tick") Result tick(FrameType type, Tick tick) {
    calls.add("tick " + tick.symbol() + " " + tick.price() + " " + type);
    return next;
  }

  @OnFrame byte[] text(String text) {
    calls.add("text " + text);
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @PrepareFrame Frame prepare(Frame frame) {
    return frame.type() == FrameType.TEXT ? Frame.text("prepared:" + frame.text()) : null;
  }

  @PingPayload byte[] ping() { return new byte[] {1, 2}; }

  @OnPong void pong(byte[] payload, Duration roundTrip) { calls.add("pong " + payload.length + " " + roundTrip); }

  @OnDisconnect Result gone(DisconnectReason reason) {
    calls.add("gone " + reason);
    return next;
  }

  @OnTimeout Result.Stop slow(DisconnectReason.Timeout timeout) { return Result.stop("too slow: " + timeout.phase()); }

  @ReportStatus String status() { return "calls=" + calls.size(); }
}
