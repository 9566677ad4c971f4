package io.wsnova.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Outbound rate limits of one connection: token buckets by name, each with a rate and a burst, and a
 * bounded queue for what must wait for tokens. APIs limit kinds of messages apart (OKX: 480 subscribe
 * or login messages an hour beside its order limits), so a send names its bucket ({@link SendOptions});
 * sends of a bucket that has no limit are not limited. Control frames and urgent sends bypass them.
 * A send beyond the queue fails with {@link SendException.Reason#RATE_LIMITED}.
 */
public final class RateLimits {
  /** The bucket of sends that name none, and of requests. */
  public static final String DEFAULT_BUCKET = "default";

  /** One bucket: {@code permits} every {@code per}, up to {@code burst} at once. */
  public record Bucket(String name, int permits, Duration per, int burst) {
    public Bucket {
      Objects.requireNonNull(name, "name");
      if (permits < 1 || burst < 1 || per == null || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("a bucket needs permits >= 1, burst >= 1 and a positive period");
      }
    }
  }

  private final Map<String, Bucket> buckets;
  private final int maxQueued;

  private RateLimits(Builder b) {
    this.buckets = Map.copyOf(b.buckets);
    this.maxQueued = b.maxQueued;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The buckets by name. */
  public Map<String, Bucket> buckets() {
    return buckets;
  }

  /** Sends that may wait for tokens at once, over all buckets. */
  public int maxQueued() {
    return maxQueued;
  }

  /** Configures {@link RateLimits}. */
  public static final class Builder {
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private int maxQueued = 1000;

    private Builder() {}

    /** Bucket {@code name}: {@code permits} every {@code per}, in bursts of at most as many. */
    public Builder bucket(String name, int permits, Duration per) {
      return bucket(name, permits, per, permits);
    }

    /** Bucket {@code name}: {@code permits} every {@code per}, up to {@code burst} at once. */
    public Builder bucket(String name, int permits, Duration per, int burst) {
      buckets.put(name, new Bucket(name, permits, per, burst));
      return this;
    }

    /** The default bucket's limit: every send and request that names no other. */
    public Builder perDefault(int permits, Duration per) {
      return bucket(DEFAULT_BUCKET, permits, per);
    }

    /** Sends that may wait for tokens; one more fails with RATE_LIMITED. 1000 by default. */
    public Builder maxQueued(int maxQueued) {
      if (maxQueued < 0) {
        throw new IllegalArgumentException("maxQueued must be >= 0");
      }
      this.maxQueued = maxQueued;
      return this;
    }

    public RateLimits build() {
      return new RateLimits(this);
    }
  }
}
