package io.wsnova.test;

import io.wsnova.runtime.Callback;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's heartbeat rules on the virtual clock: a ping every interval with the handler's payload,
 * each with a pong deadline of {@link Options#pongTimeout}; more than {@link Options#maxMissedPongs()}
 * missed in a row ends the connection with {@link DisconnectReason.Timeout.Phase#PONG}; any pong resets the
 * count, and one with a ping's payload gives that ping's round trip.
 */
final class HarnessHeartbeat {
  @SuppressWarnings("ArrayRecordComponent") // compared by Arrays.equals where it matters, never by the record
  private record Outstanding(byte[] payload, long sentNanos, ScheduledFuture<?> deadline) {}

  private final HandlerHarness harness;
  private final VirtualClock clock;
  private final Options options;
  private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
  private ScheduledFuture<?> timer;
  private Duration pongTimeout;
  private int missed;

  HarnessHeartbeat(HandlerHarness harness, VirtualClock clock, Options options) {
    this.harness = harness;
    this.clock = clock;
    this.options = options;
  }

  void start(Duration interval) {
    stop();
    missed = 0;
    pongTimeout = options.pongTimeout(interval.isZero() ? options.connectTimeout() : interval);
    if (!interval.isZero()) {
      timer = clock.scheduleAtFixedRate(this::ping, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    outstanding.forEach(o -> o.deadline.cancel(false));
    outstanding.clear();
  }

  private void ping() {
    byte[][] payload = {new byte[0]};
    harness.call(Callback.PING, () -> {
      byte[] given = harness.connection().isOpen() ? handlerPayload() : null;
      if (given != null) {
        payload[0] = given;
      }
      return Result.ok();
    });
    long sent = clock.nanoTime();
    ScheduledFuture<?> deadline = clock.schedule(() -> missed(sent), pongTimeout.toNanos(), TimeUnit.NANOSECONDS);
    outstanding.add(new Outstanding(payload[0], sent, deadline));
    harness.heartbeatPing(payload[0]);
  }

  private byte[] handlerPayload() throws Exception {
    return ((HarnessConnection) harness.connection()).pingPayload();
  }

  private void missed(long sentNanos) {
    if (!outstanding.removeIf(o -> o.sentNanos == sentNanos)) {
      return;
    }
    missed++;
    if (missed > options.maxMissedPongs()) {
      harness.disconnected(new DisconnectReason.Timeout(DisconnectReason.Timeout.Phase.PONG,
          Duration.ofNanos(clock.nanoTime() - sentNanos)));
    }
  }

  /** The round trip of the ping this pong answers, or null when it answers none. */
  @SuppressWarnings("ReferenceEquality") // the very entry found above, not an equal one
  Duration pongReceived(byte[] payload) {
    missed = 0;
    Outstanding match = outstanding.stream().filter(o -> Arrays.equals(o.payload, payload)).findFirst().orElse(null);
    if (match == null) {
      return null;
    }
    while (!outstanding.isEmpty()) {
      Outstanding o = outstanding.poll();
      o.deadline.cancel(false);
      if (o == match) {
        break;
      }
    }
    return Duration.ofNanos(clock.nanoTime() - match.sentNanos);
  }
}
