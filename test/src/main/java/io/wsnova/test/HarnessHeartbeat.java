package io.wsnova.test;

import io.wsnova.runtime.Callback;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.internal.session.PingLedger;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's heartbeat rules on the virtual clock: a ping every interval with the handler's payload,
 * each with a pong deadline of {@link Options#pongTimeout}; more than {@link Options#maxMissedPongs()}
 * missed in a row ends the connection with {@link DisconnectReason.Timeout.Phase#PONG}; any pong resets the
 * count, and one with a ping's payload gives that ping's round trip.
 */
final class HarnessHeartbeat {
  private final HandlerHarness harness;
  private final VirtualClock clock;
  private final Options options;
  private final PingLedger pings = new PingLedger();
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
    pings.clear();
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
    pings.sent(payload[0], sent, deadline);
    harness.heartbeatPing(payload[0]);
  }

  private byte[] handlerPayload() throws Exception {
    return ((HarnessConnection) harness.connection()).pingPayload();
  }

  private void missed(long sentNanos) {
    if (!pings.missed(sentNanos)) {
      return;
    }
    missed++;
    if (missed > options.maxMissedPongs()) {
      harness.disconnected(new DisconnectReason.Timeout(DisconnectReason.Timeout.Phase.PONG,
          Duration.ofNanos(clock.nanoTime() - sentNanos)));
    }
  }

  /** The round trip of the ping this pong answers, or null when it answers none. */
  Duration pongReceived(byte[] payload) {
    missed = 0;
    long nanos = pings.answered(payload, clock.nanoTime());
    return nanos < 0 ? null : Duration.ofNanos(nanos);
  }
}
