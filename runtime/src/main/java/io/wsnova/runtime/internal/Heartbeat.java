package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.internal.session.PingLedger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings at an interval, matches pongs to pings for the round-trip time, and closes the connection when
 * more pongs than tolerated are missed in a row. The pong timeout is its own setting, not the interval:
 * a slow network can be given longer than the ping rate. Confined to the connection's event loop; time is
 * the loop's ticker, so a test can move it.
 */
final class Heartbeat implements Runnable {
  /** What the heartbeat needs from its connection. */
  interface Peer {
    /** The next timer ping's payload; never fails (falls back to an empty one). */
    byte[] heartbeatPayload(Attempt a);

    /** The payload of a ping the user asked for; throws what is wrong with it. */
    byte[] userPingPayload() throws Exception;

    /** Writes a ping; {@code result}, if not null, completes when written. */
    void writePing(Attempt a, byte[] payload, CompletableFuture<Void> result);

    /** Pongs stopped: the peer is presumed dead. */
    void closeDead(Attempt a, DisconnectReason.Timeout why);

    /** The connection's event loop, whose ticker is the heartbeat's clock (asked, not kept). */
    EventLoop loop();
  }

  private final Peer connection;
  private final Options options;
  private final PingLedger pings = new PingLedger();
  private ScheduledFuture<?> timer;
  private Attempt attempt;
  private Duration pongTimeout;
  private volatile int missed;
  /** The last round trip in nanoseconds, or -1 before the first: a number, not a Duration kept per connection. */
  private volatile long lastRoundTripNanos = -1;

  Heartbeat(Peer connection, Options options) {
    this.connection = connection;
    this.options = options;
  }

  void start(Attempt a, Duration interval) {
    stop();
    attempt = a;
    missed = 0;
    pongTimeout = options.pongTimeout(interval.isZero() ? options.connectTimeout() : interval);
    if (!interval.isZero()) {
      long nanos = interval.toNanos();
      timer = connection.loop().scheduleAtFixedRate(this, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The interval timer's task (the heartbeat is its own task: no object per connection for it). */
  @Override
  public void run() {
    pingNow(attempt, null);
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    pings.clear();
  }

  /**
   * Sends a ping with the handler's payload. {@code result} completes when it is written; it is
   * {@code null} for the timer's pings, which need no future (a ping that cannot be written means the
   * channel is closing, and the disconnect reports it).
   */
  void pingNow(Attempt a, CompletableFuture<Void> result) {
    if (a != attempt || a == null) {
      if (result != null) {
        result.completeExceptionally(new IllegalStateException("not connected"));
      }
      return;
    }
    byte[] payload;
    if (result == null) {
      payload = connection.heartbeatPayload(a); // never fails: falls back to an empty ping
    } else {
      try {
        payload = connection.userPingPayload();
      } catch (Exception e) {
        result.completeExceptionally(e);
        return;
      }
    }
    EventLoop loop = connection.loop();
    long sent = loop.ticker().nanoTime();
    ScheduledFuture<?> deadline = loop.schedule(() -> pongMissed(a, sent), pongTimeout.toNanos(), TimeUnit.NANOSECONDS);
    pings.sent(payload, sent, deadline);
    connection.writePing(a, payload, result);
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the event loop; volatile for status readers
  private void pongMissed(Attempt a, long sentNanos) {
    if (a != attempt || !pings.missed(sentNanos)) {
      return;
    }
    missed++;
    if (missed > options.maxMissedPongs()) {
      Duration waited = Duration.ofNanos(connection.loop().ticker().nanoTime() - sentNanos);
      connection.closeDead(a, new DisconnectReason.Timeout(DisconnectReason.Timeout.Phase.PONG, waited));
    }
  }

  /**
   * Any pong shows the peer is alive. Returns the round trip when it answers one of our pings (the
   * oldest with the same payload; older unanswered ones are forgiven), else {@code null}.
   */
  Duration pongReceived(byte[] payload) {
    missed = 0;
    long nanos = pings.answered(payload, connection.loop().ticker().nanoTime());
    if (nanos < 0) {
      return null;
    }
    lastRoundTripNanos = nanos;
    return Duration.ofNanos(nanos);
  }

  /** The last round trip, or {@code null} before the first pong that answered a ping. */
  Duration lastRoundTrip() {
    long nanos = lastRoundTripNanos;
    return nanos < 0 ? null : Duration.ofNanos(nanos);
  }

  int missedPongs() {
    return missed;
  }
}
