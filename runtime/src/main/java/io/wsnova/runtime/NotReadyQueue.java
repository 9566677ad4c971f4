package io.wsnova.runtime;

import java.time.Duration;

/**
 * Sends from other threads while the connection is not ready (connecting, reconnecting, or waiting for
 * on connect's stage) wait here, and go out in order once it is ready, instead of failing with
 * NOT_CONNECTED. Bounded by count and bytes; a send waits at most {@code maxWait}.
 *
 * @param maxMessages sends that may wait at once
 * @param maxBytes their payload bytes together
 * @param maxWait how long one may wait before it fails
 */
public record NotReadyQueue(int maxMessages, long maxBytes, Duration maxWait) {
  public NotReadyQueue {
    if (maxMessages < 1 || maxBytes < 1 || maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("a not-ready queue needs maxMessages >= 1, maxBytes >= 1 and a positive maxWait");
    }
  }
}
