package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.Frame;
import io.wsnova.runtime.RateLimits;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.SendOptions;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets over a connection's sends: each bucket refills at its rate up to its burst; a send takes
 * its cost or waits, in order within its bucket, in a queue bounded over all buckets. Sends of a bucket
 * without a limit, and urgent ones, pass at once. Confined to the connection's event loop.
 */
public final class RateLimiter {
  private final class Bucket {
    final double perNano;
    final double burst;
    double tokens;
    long refilledAt;
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    ScheduledFuture<?> wakeUp;

    Bucket(RateLimits.Bucket limit) {
      this.perNano = limit.permits() / (double) limit.per().toNanos();
      this.burst = limit.burst();
      this.tokens = limit.burst();
      this.refilledAt = clock.getAsLong();
    }

    void refill() {
      long now = clock.getAsLong();
      tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
    }
  }

  private record Waiting(Frame frame, CompletableFuture<Void> result, SendOptions options) {}

  private final Map<String, Bucket> buckets = new HashMap<>();
  private final int maxQueued;
  private final ScheduledExecutorService loop;
  private final LongSupplier clock;
  private final ReadinessGate.Sender sender;
  private int queued;
  private long delayed;

  public RateLimiter(RateLimits limits, ScheduledExecutorService loop, LongSupplier clock, ReadinessGate.Sender sender) {
    this.maxQueued = limits.maxQueued();
    this.loop = loop;
    this.clock = clock;
    this.sender = sender;
    limits.buckets().forEach((name, limit) -> buckets.put(name, new Bucket(limit)));
  }

  /** Sends waiting for tokens now. */
  public int queued() {
    return queued;
  }

  /** Sends that had to wait for tokens, so far. */
  public long delayed() {
    return delayed;
  }

  public void send(Frame frame, CompletableFuture<Void> result, SendOptions options) {
    Bucket b = buckets.get(options.bucket());
    if (b == null || options.urgent()) {
      sender.send(frame, result, options);
      return;
    }
    b.refill();
    if (b.waiting.isEmpty() && b.tokens >= options.cost()) {
      b.tokens -= options.cost();
      sender.send(frame, result, options);
      return;
    }
    if (queued >= maxQueued) {
      result.completeExceptionally(new SendException(SendException.Reason.RATE_LIMITED, queued
          + " sends already wait for the rate limits (RateLimits.maxQueued); bucket '" + options.bucket() + "'"));
      return;
    }
    queued++;
    delayed++;
    b.waiting.add(new Waiting(frame, result, options));
    scheduleWakeUp(b);
  }

  private void scheduleWakeUp(Bucket b) {
    if (b.wakeUp != null || b.waiting.isEmpty()) {
      return;
    }
    double missing = b.waiting.peek().options.cost() - b.tokens;
    long nanos = missing <= 0 ? 0 : (long) Math.ceil(missing / b.perNano);
    b.wakeUp = loop.schedule(() -> drain(b), nanos, TimeUnit.NANOSECONDS);
  }

  private void drain(Bucket b) {
    b.wakeUp = null;
    b.refill();
    while (!b.waiting.isEmpty() && b.tokens >= b.waiting.peek().options.cost()) {
      Waiting w = b.waiting.poll();
      queued--;
      b.tokens -= w.options.cost();
      sender.send(w.frame, w.result, w.options);
    }
    scheduleWakeUp(b);
  }

  /** The connection stopped: what waits fails with {@code why}. */
  public void stopped(SendException why) {
    for (Bucket b : buckets.values()) {
      if (b.wakeUp != null) {
        b.wakeUp.cancel(false);
        b.wakeUp = null;
      }
      while (!b.waiting.isEmpty()) {
        b.waiting.poll().result.completeExceptionally(why);
      }
    }
    queued = 0;
  }
}
