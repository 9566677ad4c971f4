package io.wsnova.runtime;

import java.time.Duration;

/**
 * A snapshot of a {@link Connection}.
 *
 * @param state where it is in its lifecycle
 * @param connectCount successful upgrades so far
 * @param failedAttempts attempts failed in a row since the last successful upgrade
 * @param lastRoundTrip the round trip of the last pong that answered a ping, or {@code null}
 * @param missedPongs pongs missed in a row
 * @param framesReceived data frames received (all connections)
 * @param framesSent data frames written (all connections)
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
