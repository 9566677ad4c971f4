package io.wsnova.runtime;

import java.util.Objects;

/**
 * How one send meets the connection's rate limits ({@link Options.Builder#rateLimits}): the bucket it
 * draws from and how many tokens it costs, or urgent, which bypasses them (a heartbeat's answer, say).
 *
 * @param bucket the rate-limit bucket, {@code "default"} unless named
 * @param cost tokens it takes from the bucket, at least 1
 * @param urgent bypasses rate limits and the not-ready queue
 */
public record SendOptions(String bucket, int cost, boolean urgent) {
  /** The default bucket, cost 1. */
  public static final SendOptions DEFAULT = new SendOptions(RateLimits.DEFAULT_BUCKET, 1, false);
  /** Past every limit at once: for answers a server waits for (heartbeats). */
  public static final SendOptions URGENT = new SendOptions(RateLimits.DEFAULT_BUCKET, 1, true);

  public SendOptions {
    Objects.requireNonNull(bucket, "bucket");
    if (cost < 1) {
      throw new IllegalArgumentException("cost must be at least 1, was " + cost);
    }
  }

  /** A send from bucket {@code name}, cost 1. */
  public static SendOptions bucket(String name) {
    return new SendOptions(name, 1, false);
  }

  /** These options at {@code tokens} cost. */
  public SendOptions cost(int tokens) {
    return new SendOptions(bucket, tokens, urgent);
  }
}
