package io.wsnova.runtime;

import java.util.Objects;

/**
 * The proxy a connection goes through: an HTTP proxy (a {@code CONNECT} tunnel) or a SOCKS5 proxy, each
 * optionally with a user name and password, or whatever the JDK's {@link java.net.ProxySelector} picks for
 * the server's address ({@link #system()}: the {@code https.proxyHost}, {@code http.proxyHost},
 * {@code socksProxyHost} and {@code http.nonProxyHosts} system properties, or a selector the application
 * installed). {@code wss://} goes through either kind: TLS runs inside the tunnel, end to end with the
 * server, and verifies the server as it does without a proxy.
 *
 * <p>The proxy resolves the server's name; wsnova resolves only the proxy's. A proxy that refuses (an HTTP
 * status other than 200, a SOCKS failure) fails the attempt with {@link ProxyRefusedException}, which
 * says what the proxy answered; a refused authentication is not retriable.
 *
 * <pre>{@code
 * Options.builder().proxy(ProxyOptions.http("proxy.corp", 3128).credentials("me", secret))
 * }</pre>
 */
public final class ProxyOptions {
  /** The kinds of proxy. */
  public enum Kind {
    /** An HTTP proxy, asked for a tunnel with {@code CONNECT host:port}; basic authentication. */
    HTTP,
    /** A SOCKS5 proxy (RFC 1928); username/password authentication (RFC 1929). */
    SOCKS5,
    /** Whatever the JDK's {@link java.net.ProxySelector} picks for each attempt's address, possibly none. */
    SYSTEM
  }

  private final Kind kind;
  private final String host;
  private final int port;
  private final String username;
  private final String password;

  private ProxyOptions(Kind kind, String host, int port, String username, String password) {
    this.kind = kind;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /** An HTTP proxy at {@code host:port}. */
  public static ProxyOptions http(String host, int port) {
    return new ProxyOptions(Kind.HTTP, checkHost(host), checkPort(port), null, null);
  }

  /** A SOCKS5 proxy at {@code host:port}. */
  public static ProxyOptions socks5(String host, int port) {
    return new ProxyOptions(Kind.SOCKS5, checkHost(host), checkPort(port), null, null);
  }

  /**
   * The proxy the JDK's default {@link java.net.ProxySelector} picks for each attempt's address: for
   * {@code wss://} as for {@code https://}, for {@code ws://} as for {@code http://}, and failing those
   * the SOCKS proxy it picks for a plain socket. No proxy when it picks none.
   */
  public static ProxyOptions system() {
    return new ProxyOptions(Kind.SYSTEM, null, 0, null, null);
  }

  /**
   * The same proxy with a user name and password: HTTP basic authentication, or SOCKS5
   * username/password. The password never appears in {@link #toString()} or in logs.
   */
  public ProxyOptions credentials(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (kind == Kind.SOCKS5 && (username.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255
        || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)) {
      throw new IllegalArgumentException("SOCKS5 user names and passwords are at most 255 bytes (RFC 1929)");
    }
    return new ProxyOptions(kind, host, port, username, password);
  }

  public Kind kind() {
    return kind;
  }

  /** The proxy's host; {@code null} for {@link Kind#SYSTEM}. */
  public String host() {
    return host;
  }

  /** The proxy's port; 0 for {@link Kind#SYSTEM}. */
  public int port() {
    return port;
  }

  /** The user name, or {@code null} without credentials. */
  public String username() {
    return username;
  }

  /** The password, or {@code null} without credentials. */
  public String password() {
    return password;
  }

  private static String checkHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a proxy needs a host");
    }
    return host;
  }

  private static int checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a proxy port is 1 to 65535, was " + port);
    }
    return port;
  }

  @Override
  public String toString() {
    String who = username == null ? "" : username + ":***@";
    return kind == Kind.SYSTEM ? "system proxy" + (username == null ? "" : " (as " + username + ")")
        : kind.name().toLowerCase(java.util.Locale.ROOT) + "://" + who + host + ":" + port;
  }
}
