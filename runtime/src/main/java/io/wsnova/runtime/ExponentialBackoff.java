package io.wsnova.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default {@link ErrorHandler}: reconnect after {@code min(cap, base * 2^(n - 1))} for the n-th
 * failure in a row ({@link ErrorEvent#attempt()}; {@code base} after a disconnect that ended a stable
 * connection), jittered down to between 80 % and 100 % of it so that many clients of one server do not
 * come back at the same instant; give up after {@code maxAttempts} failures in a row. Failures are
 * failed attempts and disconnects of connections that lived shorter than {@link Options#stableAfter()},
 * so a server that accepts and drops at once is backed off from like one that refuses; the count resets
 * once a connection lives longer. Never retry what retrying cannot fix ({@link ErrorEvent#isRetriable()});
 * let a failed callback carry on.
 *
 * <p>Defaults: base 1 s, cap 30 s, 10 attempts: about three minutes of outage is ridden out.
 */
public final class ExponentialBackoff implements ErrorHandler {
  static final ExponentialBackoff DEFAULT = builder().build();

  private final Duration base;
  private final Duration cap;
  private final int maxAttempts;
  private final double jitter;

  private ExponentialBackoff(Builder b) {
    if (b.base.isNegative() || b.base.isZero() || b.cap.compareTo(b.base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got base " + b.base + ", cap " + b.cap);
    }
    if (b.maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + b.maxAttempts);
    }
    if (b.jitter < 0 || b.jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + b.jitter);
    }
    this.base = b.base;
    this.cap = b.cap;
    this.maxAttempts = b.maxAttempts;
    this.jitter = b.jitter;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Result onError(ErrorEvent event) {
    if (event.kind() == ErrorEvent.Kind.CALLBACK_FAILED && event.connectionOpen() && event.isRetriable()) {
      return Result.ok();
    }
    if (!event.isRetriable() || event.attempt() >= maxAttempts) {
      return Result.stop(event.isRetriable() ? "gave up after " + event.attempt() + " attempts" : "not retriable");
    }
    return Result.reconnect(delay(Math.max(0, event.attempt() - 1)));
  }

  /** Failures in a row after which it stops. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The delay before the attempt that follows {@code failedAttempts} failures in a row. */
  public Duration delay(int failedAttempts) {
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    int shift = Math.min(failedAttempts, 62);
    long d = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
    double factor = 1.0 - jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos((long) (d * factor));
  }

  /** Configures an {@link ExponentialBackoff}. */
  public static final class Builder {
    private Duration base = Duration.ofSeconds(1);
    private Duration cap = Duration.ofSeconds(30);
    private int maxAttempts = 10;
    private double jitter = 0.2;

    private Builder() {}

    /** The first delay. */
    public Builder base(Duration base) {
      this.base = base;
      return this;
    }

    /** The longest delay. */
    public Builder cap(Duration cap) {
      this.cap = cap;
      return this;
    }

    /** Failed attempts in a row after which it stops; {@code Integer.MAX_VALUE} never gives up. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The share of each delay taken off at random, 0 for none; 0.2 by default. */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public ExponentialBackoff build() {
      return new ExponentialBackoff(this);
    }
  }
}
