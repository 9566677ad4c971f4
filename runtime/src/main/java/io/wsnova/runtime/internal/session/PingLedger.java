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

  private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>(1); // rarely more than one in flight: grows if so

  /** A ping went out at {@code sentNanos}; {@code deadline} fires if no pong answers it in time. */
  public void sent(byte[] payload, long sentNanos, Future<?> deadline) {
    outstanding.add(new Outstanding(payload, sentNanos, deadline));
  }

  /** The deadline of the ping sent at {@code sentNanos} passed: true if it was still waiting (now given up). */
  public boolean missed(long sentNanos) {
    return outstanding.removeIf(o -> o.sentNanos == sentNanos);
  }

  /**
   * A pong with {@code payload} came at {@code nowNanos}: the round trip in nanoseconds of the ping it
   * answers, whose deadline and older ones' are cancelled; -1 when it answers none.
   */
  @SuppressWarnings("ReferenceEquality") // the very entry found above, not an equal one
  public long answered(byte[] payload, long nowNanos) {
    Outstanding match = null;
    for (Outstanding o : outstanding) {
      if (Arrays.equals(o.payload, payload)) {
        match = o;
        break;
      }
    }
    if (match == null) {
      return -1;
    }
    while (!outstanding.isEmpty()) {
      Outstanding o = outstanding.poll();
      o.deadline.cancel(false);
      if (o == match) {
        break;
      }
    }
    return nowNanos - match.sentNanos;
  }

  /** Forgets every ping, cancelling their deadlines. */
  public void clear() {
    outstanding.forEach(o -> o.deadline.cancel(false));
    outstanding.clear();
  }
}
