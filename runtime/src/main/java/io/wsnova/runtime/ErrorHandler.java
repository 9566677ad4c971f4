package io.wsnova.runtime;

/**
 * The one place where reconnection is decided. Asked after every disconnect and every error, on the
 * connection's event-loop thread (do not block it), it answers:
 * <ul>
 *   <li>{@link Result#ok()}: carry on, where the connection is still open (a callback failed but the
 *       connection is fine); where it is not, the same as stop;</li>
 *   <li>{@link Result#reconnect(java.time.Duration)}: open a new connection after the delay, keeping the
 *       same handler object and its state;</li>
 *   <li>{@link Result#stop()}: close for good; {@link Connection#closeFuture()} completes.</li>
 * </ul>
 * An ErrorHandler that throws, or answers anything else, stops the connection.
 */
@FunctionalInterface
public interface ErrorHandler {

  Result onError(ErrorEvent event);

  /** Exponential backoff with jitter, as {@link ExponentialBackoff#builder()} configures it by default. */
  static ErrorHandler defaultHandler() {
    return ExponentialBackoff.DEFAULT;
  }
}
