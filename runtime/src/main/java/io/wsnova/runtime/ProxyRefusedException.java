package io.wsnova.runtime;

/**
 * The proxy did not open the tunnel to the server: an HTTP proxy answered {@code CONNECT} with a status
 * other than 200, or a SOCKS5 proxy refused the authentication or the connection. The message carries the
 * proxy's answer. A refused authentication (HTTP 407, SOCKS5 authentication) is not retriable
 * ({@link ErrorEvent#isRetriable()}): the same credentials will be refused again.
 */
public final class ProxyRefusedException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  private final ProxyOptions.Kind kind;
  private final int status;
  private final boolean authenticationFailed;

  /**
   * @param status the HTTP status the proxy answered, or 0 for SOCKS5
   * @param authenticationFailed whether the proxy refused the credentials, or wanted some and got none
   */
  public ProxyRefusedException(ProxyOptions.Kind kind, int status, boolean authenticationFailed, String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.authenticationFailed = authenticationFailed;
  }

  /** {@link ProxyOptions.Kind#HTTP} or {@link ProxyOptions.Kind#SOCKS5}. */
  public ProxyOptions.Kind kind() {
    return kind;
  }

  /** The HTTP proxy's status (407 for authentication required), or 0 for a SOCKS5 proxy. */
  public int status() {
    return status;
  }

  /** Whether the proxy refused the credentials, or wanted credentials and got none. */
  public boolean isAuthenticationFailure() {
    return authenticationFailed;
  }
}
