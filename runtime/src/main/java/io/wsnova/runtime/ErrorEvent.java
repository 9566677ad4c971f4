package io.wsnova.runtime;

import java.util.Objects;

/**
 * What the {@link ErrorHandler} is asked about.
 *
 * @param kind what happened
 * @param attempt failures in a row, counting this one: failed attempts, and disconnects of connections
 *     that lived shorter than {@link Options#stableAfter()}. 0 for a disconnect after a stable life, and
 *     for a callback failure. A connection that lives long enough resets it; a successful upgrade alone
 *     does not, so a server that accepts and drops at once is backed off from
 * @param connectionOpen whether the connection is still open ({@link Result#ok()} then carries on)
 * @param reason why the connection ended, for {@link Kind#DISCONNECTED}; otherwise {@code null}
 * @param cause the error, for {@link Kind#CONNECT_FAILED} and {@link Kind#CALLBACK_FAILED}; otherwise {@code null}
 * @param connectedFor how long the connection that just ended was open, for {@link Kind#DISCONNECTED};
 *     otherwise {@code null}
 * @param shortLivesInARow how many disconnects in a row came after lives shorter than
 *     {@link Options#stableAfter()}, counting this one
 */
public record ErrorEvent(Kind kind, int attempt, boolean connectionOpen, DisconnectReason reason, Throwable cause,
    java.time.Duration connectedFor, int shortLivesInARow) {

  /** What happened. */
  public enum Kind {
    /**
     * An attempt failed before the connection opened: invalid connection info, TCP, TLS, the upgrade
     * was rejected ({@link UpgradeRejectedException}), or it timed out.
     */
    CONNECT_FAILED,
    /** An open connection ended; {@link #reason()} says why. */
    DISCONNECTED,
    /**
     * A user callback threw, broke its contract ({@link ContractViolationException}), or a message found
     * no method or did not decode ({@link io.wsnova.runtime.UnhandledMessageException}).
     */
    CALLBACK_FAILED
  }

  public ErrorEvent {
    Objects.requireNonNull(kind, "kind");
  }

  /** An event with no connection life to report (a failed attempt, a callback failure). */
  public ErrorEvent(Kind kind, int attempt, boolean connectionOpen, DisconnectReason reason, Throwable cause) {
    this(kind, attempt, connectionOpen, reason, cause, null, 0);
  }

  /**
   * Whether trying again could help. Not for: an upgrade answered 401, 403 or 404, a proxy that refused
   * the credentials, a TLS certificate or host name that failed verification, invalid connection info,
   * a contract violation. Other TLS
   * failures (a peer that stalls or closes mid-handshake, a handshake that timed out) are retriable:
   * the cause decides, not the exception's type.
   */
  public boolean isRetriable() {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UpgradeRejectedException u) {
        return u.status() != 401 && u.status() != 403 && u.status() != 404;
      }
      if (t instanceof ProxyRefusedException p && p.isAuthenticationFailure()) {
        return false;
      }
      if (t instanceof InvalidConnectionInfoException || t instanceof ContractViolationException) {
        return false;
      }
    }
    // A certificate that does not verify will not verify on the next try either.
    return !TlsOptions.isVerificationFailure(cause);
  }
}
