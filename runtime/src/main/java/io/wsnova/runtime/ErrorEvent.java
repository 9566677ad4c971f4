package io.wsnova.runtime;

import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * What the {@link ErrorHandler} is asked about.
 *
 * @param kind what happened
 * @param attempt how many connection attempts in a row have failed, counting this one; 0 when the
 *     connection was up until now (a disconnect, or a callback that failed on a live connection)
 * @param connectionOpen whether the connection is still open ({@link Result#ok()} then carries on)
 * @param reason why the connection ended, for {@link Kind#DISCONNECTED}; otherwise {@code null}
 * @param cause the error, for {@link Kind#CONNECT_FAILED} and {@link Kind#CALLBACK_FAILED}; otherwise {@code null}
 */
public record ErrorEvent(Kind kind, int attempt, boolean connectionOpen, DisconnectReason reason, Throwable cause) {

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
     * no method or did not decode ({@link io.wsnova.runtime.adapter.UnhandledMessageException}).
     */
    CALLBACK_FAILED
  }

  public ErrorEvent {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Whether trying again could help. Not for: an upgrade answered 401, 403 or 404, a TLS certificate
   * that failed verification, invalid connection info, a contract violation.
   */
  public boolean isRetriable() {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UpgradeRejectedException u) {
        return u.status() != 401 && u.status() != 403 && u.status() != 404;
      }
      if (t instanceof InvalidConnectionInfoException || t instanceof ContractViolationException) {
        return false;
      }
      if (t instanceof SSLException && !(t instanceof javax.net.ssl.SSLProtocolException)) {
        // A certificate that does not verify will not verify on the next try either.
        return false;
      }
      if (t instanceof java.security.cert.CertificateException) {
        return false;
      }
    }
    return true;
  }
}
