package io.wsnova.runtime.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.DisconnectReason;
import java.util.concurrent.TimeUnit;

/**
 * One connection attempt and, if its upgrade succeeds, the WebSocket it becomes. Events from a channel
 * carry their attempt, so that a late event from an old channel never touches the current one.
 * Confined to the connection's event loop.
 */
final class Attempt {
  /** How far the attempt got. */
  enum Phase {
    CONNECT,
    UPGRADE,
    OPEN,
    CLOSED
  }

  final ConnectionInfo info;
  /** The proxy this attempt goes through, or {@code null} for a direct connection. */
  ProxyRoute proxy;
  /** What the server agreed to of the permessage-deflate offer; null when none was made or it declined. */
  PerMessageDeflate.Agreed deflate;
  Channel channel;
  Phase phase = Phase.CONNECT;
  ScheduledFuture<?> timeout;
  /** Why it ended, once known; the first reason recorded wins. */
  DisconnectReason reason;
  /** Why it failed before opening. */
  Throwable failure;
  /** A close frame has been sent: the next step is the peer's close frame or the close timeout. */
  boolean closeSent;
  /** Writes are waiting for a flush that is already scheduled or will come at the end of a read. */
  boolean flushPending;
  boolean inRead;
  /** Small data frames waiting for the flush; made by the first (a connection that only pings has none). */
  WireBatch batch;
  /** When the upgrade succeeded ({@link System#nanoTime()}): how long the connection lived is asked at its end. */
  long openedNanos;
  /** The ping callback failed (threw, or gave over 125 bytes) and the ErrorHandler was told: once is enough. */
  boolean pingProblemReported;

  Attempt(ConnectionInfo info) {
    this.info = info;
  }

  void recordReason(DisconnectReason r) {
    if (reason == null) {
      reason = r;
    }
  }

  /** The time left before the attempt times out, in nanoseconds: its timer's delay, not a field more. */
  long nanosLeft() {
    ScheduledFuture<?> t = timeout;
    return t == null ? 0 : Math.max(0, t.getDelay(TimeUnit.NANOSECONDS));
  }

  void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
