package io.wsnova.runtime;

/** A frame could not be sent; {@link #reason()} says why. The frame was not written. */
public final class SendException extends Exception {
  /** Why a send failed. */
  public enum Reason {
    /** The connection is between attempts (connecting or waiting to reconnect). */
    NOT_CONNECTED,
    /** The connection was closed or stopped. */
    CLOSED,
    /** The frame is larger than the maximum message size. */
    TOO_LARGE,
    /** More bytes are queued than the outbound buffer limit: the peer is not reading fast enough. */
    BUFFER_FULL,
    /** The text holds an unpaired surrogate, which has no UTF-8 form (RFC 6455 requires valid UTF-8). */
    INVALID_TEXT,
    /** Beyond the rate limits' queue ({@link RateLimits#maxQueued()}). */
    RATE_LIMITED,
    /** The not-ready queue ({@link NotReadyQueue}) is full. */
    QUEUE_FULL,
    /** It waited in the not-ready queue longer than {@link NotReadyQueue#maxWait()}. */
    QUEUE_TIMEOUT,
    /** More requests wait for answers than {@link RequestOptions#maxInFlight()} allows. */
    TOO_MANY_REQUESTS,
    /** The prepare frame callback threw. */
    PREPARE_FAILED,
    /** The transport failed while writing. */
    WRITE_FAILED
  }

  private final Reason reason;

  public SendException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public SendException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
