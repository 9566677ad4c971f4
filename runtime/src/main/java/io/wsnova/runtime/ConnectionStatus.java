package io.wsnova.runtime;

import java.time.Duration;

/**
 * A snapshot of a {@link Connection}.
 *
 * @param state where it is in its lifecycle
 * @param connectCount successful upgrades so far
 * @param failedAttempts failures in a row (failed attempts and short-lived connections, see
 *     {@link ErrorEvent#attempt()}); the current attempt is the next
 * @param lastRoundTrip the round trip of the last pong that answered a ping, or {@code null}
 * @param missedPongs pongs missed in a row
 * @param framesReceived data frames received (all connections)
 * @param framesSent data frames written (all connections)
 * @param bytesReceived payload bytes of the data frames received (all connections)
 * @param bytesSent payload bytes of the data frames written (all connections)
 * @param outboundBufferedBytes bytes waiting to be sent now
 * @param connectedFor how long the current connection has been open, or {@code null} when none is
 * @param lastError the last error the ErrorHandler was told of, or {@code null}
 * @param lastDisconnectReason why the last connection ended, or {@code null}
 * @param lastDisconnectAt when it ended, or {@code null}
 * @param ready whether the current connection is ready ({@link Connection#ready()})
 * @param subscriptions the keys of the subscriptions sent again after every reconnect, in order
 * @param rateLimited sends waiting for the rate limits now
 * @param rateLimitDelayed sends that had to wait for the rate limits, so far
 * @param notReadyQueued sends waiting for the connection to be ready
 * @param extensions the extensions the server agreed to on the current (or last) connection, as a
 *     {@code Sec-WebSocket-Extensions} value (e.g. {@code permessage-deflate; server_no_context_takeover}),
 *     or {@code ""} for none
 * @param handlerStatus what the handler's status callback returned, or {@code null}
 */
public record ConnectionStatus(
    State state,
    int connectCount,
    int failedAttempts,
    Duration lastRoundTrip,
    int missedPongs,
    long framesReceived,
    long framesSent,
    long bytesReceived,
    long bytesSent,
    long outboundBufferedBytes,
    Duration connectedFor,
    Throwable lastError,
    DisconnectReason lastDisconnectReason,
    java.time.Instant lastDisconnectAt,
    boolean ready,
    java.util.List<String> subscriptions,
    int rateLimited,
    long rateLimitDelayed,
    int notReadyQueued,
    String extensions,
    Object handlerStatus) {

  /** Where a connection is in its lifecycle. */
  public enum State {
    CONNECTING,
    OPEN,
    CLOSING,
    WAITING_TO_RECONNECT,
    STOPPED
  }
}
