package io.wsnova.runtime.internal.session;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Future;

/**
 * The heartbeat's pings in flight, and which one a pong answers: the oldest with the same payload, and
 * every older one still waiting is forgiven (a pong shows the peer alive). Knows no clock or event loop:
 * the caller gives the times and each ping's deadline, so the runtime's heartbeat and the test kit's run it
 * alike. Confined to one thread.
 */
public final class PingLedger {
  @SuppressWarnings("ArrayRecordComponent") // compared with Arrays.equals, never as records
  private record Outstanding(byte[] payload, long sentNanos, Future<?> deadline) {}

  /** The oldest ping in flight, or null: an idle connection has at most this one most of the time. */
  private Outstanding oldest;
  /** Pings sent while {@link #oldest} waits; made when the first such is sent, dropped when emptied. */
  private ArrayDeque<Outstanding> newer;

  /** A ping went out at {@code sentNanos}; {@code deadline} fires if no pong answers it in time. */
  public void sent(byte[] payload, long sentNanos, Future<?> deadline) {
    Outstanding o = new Outstanding(payload, sentNanos, deadline);
    if (oldest == null) {
      oldest = o;
    } else {
      if (newer == null) {
        newer = new ArrayDeque<>(2);
      }
      newer.add(o);
    }
  }

  /** The deadline of the ping sent at {@code sentNanos} passed: true if it was still waiting (now given up). */
  public boolean missed(long sentNanos) {
    if (oldest != null && oldest.sentNanos == sentNanos) {
      poll();
      return true;
    }
    return newer != null && newer.removeIf(o -> o.sentNanos == sentNanos);
  }

  /**
   * A pong with {@code payload} came at {@code nowNanos}: the round trip in nanoseconds of the ping it
   * answers, whose deadline and older ones' are cancelled; -1 when it answers none.
   */
  @SuppressWarnings("ReferenceEquality") // the very entry found above, not an equal one
  public long answered(byte[] payload, long nowNanos) {
    Outstanding match = null;
    if (oldest != null && Arrays.equals(oldest.payload, payload)) {
      match = oldest;
    } else if (newer != null) {
      for (Outstanding o : newer) {
        if (Arrays.equals(o.payload, payload)) {
          match = o;
          break;
        }
      }
    }
    if (match == null) {
      return -1;
    }
    Outstanding o;
    do {
      o = poll();
      o.deadline.cancel(false);
    } while (o != match);
    return nowNanos - match.sentNanos;
  }

  /** Forgets every ping, cancelling their deadlines. */
  public void clear() {
    while (oldest != null) {
      poll().deadline.cancel(false);
    }
  }

  /** Takes the oldest ping off the ledger; the next becomes the oldest. */
  private Outstanding poll() {
    Outstanding o = oldest;
    oldest = newer == null ? null : newer.poll();
    if (newer != null && newer.isEmpty()) {
      newer = null;
    }
    return o;
  }
}
