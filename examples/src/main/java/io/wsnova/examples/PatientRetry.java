package io.wsnova.examples;

import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.ErrorHandler;
import io.wsnova.runtime.Result;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ErrorHandler with a policy of its own: retry quickly at first, then every second, and give up after
 * {@code maxAttempts} failed attempts in a row. It counts the reconnects it orders, for the demo's summary.
 */
// README:start patient-retry
public final class PatientRetry implements ErrorHandler {
  private final int maxAttempts;
  final AtomicInteger reconnects = new AtomicInteger();

  public PatientRetry(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Result onError(ErrorEvent event) {
    if (event.kind() == ErrorEvent.Kind.CALLBACK_FAILED) {
      System.out.println("[resilient] callback failed: " + event.cause());
      return event.connectionOpen() ? Result.ok() : Result.stop();
    }
    if (!event.isRetriable() || event.attempt() >= maxAttempts) {
      return Result.stop("giving up: " + (event.cause() != null ? event.cause() : event.reason()));
    }
    reconnects.incrementAndGet();
    Duration delay = event.attempt() == 0 ? Duration.ofMillis(100) : Duration.ofSeconds(1);
    return Result.reconnect(delay);
  }
}
// README:end patient-retry
