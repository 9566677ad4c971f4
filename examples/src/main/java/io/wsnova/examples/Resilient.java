package io.wsnova.examples;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnFrame;
import io.wsnova.annotations.ReportStatus;
import io.wsnova.runtime.Connection;
import java.util.List;
import java.util.Map;

/**
 * A handler whose state survives reconnects: it remembers the last sequence number it saw and, after a
 * reconnect, asks the server to resend what it missed. Reconnection itself is {@link PatientRetry}'s call.
 */
// README:start resilient
public class Resilient {
  public record Tick(long seq, String symbol, double price, boolean replayed) {}

  /** What {@code Connection.status()} shows of this handler. */
  public record Stats(long received, long replayed, long lastSeq) {}

  private long lastSeq;
  private long received;
  private long replayed;

  @OnConnect
  void connected(Connection connection) {
    connection.sendJson(Map.of("op", "subscribe", "symbols", List.of("ACME")));
    if (connection.isReconnect()) {
      connection.sendJson(Map.of("op", "resume", "from", lastSeq)); // the same object: lastSeq survived
    }
  }

  @OnFrame(field = "type", value = "tick")
  void tick(Tick tick) {
    if (tick.seq() <= lastSeq) {
      return; // already seen
    }
    received++;
    if (tick.replayed()) {
      replayed++;
    }
    lastSeq = tick.seq();
  }

  @OnFrame
  void other(String text) {
    // acks and anything else the feed says
  }

  @ReportStatus
  Stats status() {
    return new Stats(received, replayed, lastSeq);
  }
}
// README:end resilient
