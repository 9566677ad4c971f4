package io.wsnova.runtime.internal;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ProxyOptions;
import io.wsnova.runtime.ProxyRefusedException;
import io.wsnova.runtime.Transport;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy one attempt goes through, decided when the attempt starts (the system's selector may pick a
 * different one for each address, and may change between attempts). Builds Netty's handler for it and
 * turns the handler's refusals into {@link ProxyRefusedException}.
 */
record ProxyRoute(ProxyOptions.Kind kind, String host, int port, String username, String password) {
  private static final Pattern HTTP_STATUS = Pattern.compile("status: (\\d{3})");

  /** The route for {@code info} under {@code options}, or {@code null} to connect directly. */
  static ProxyRoute choose(ProxyOptions options, ConnectionInfo info) {
    if (options == null) {
      return null;
    }
    if (options.kind() != ProxyOptions.Kind.SYSTEM) {
      return new ProxyRoute(options.kind(), options.host(), options.port(), options.username(), options.password());
    }
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return null;
    }
    String scheme = info.transport() == Transport.TLS ? "https" : "http";
    Proxy picked = first(selector.select(URI.create(scheme + "://" + hostForUri(info.host()) + ":" + info.port())));
    if (picked == null) {
      picked = first(selector.select(URI.create("socket://" + hostForUri(info.host()) + ":" + info.port())));
    }
    if (picked == null || !(picked.address() instanceof InetSocketAddress address)) {
      return null;
    }
    ProxyOptions.Kind kind = picked.type() == Proxy.Type.SOCKS ? ProxyOptions.Kind.SOCKS5 : ProxyOptions.Kind.HTTP;
    return new ProxyRoute(kind, address.getHostString(), address.getPort(), options.username(), options.password());
  }

  private static Proxy first(List<Proxy> proxies) {
    if (proxies == null) {
      return null;
    }
    for (Proxy p : proxies) {
      if (p.type() != Proxy.Type.DIRECT) {
        return p;
      }
    }
    return null;
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Netty's handler for this route, tunnelling to the server through the proxy at {@code proxyAddress}.
   * Its own timeout is off: the attempt's timeout covers the tunnel, as it covers TCP, TLS and the upgrade.
   */
  ProxyHandler handler(SocketAddress proxyAddress) {
    ProxyHandler h = switch (kind) {
      case HTTP -> username == null ? new HttpProxyHandler(proxyAddress)
          : new HttpProxyHandler(proxyAddress, username, password);
      case SOCKS5 -> new Socks5ProxyHandler(proxyAddress, username, password);
      case SYSTEM -> throw new IllegalStateException("a route has a concrete kind");
    };
    h.setConnectTimeoutMillis(0);
    return h;
  }

  /**
   * {@code cause} as the user should see it: a proxy's refusal becomes a {@link ProxyRefusedException}
   * that says what the proxy answered and whether it refused the credentials; anything else is unchanged.
   */
  Throwable explain(Throwable cause) {
    ProxyConnectException refusal = null;
    for (Throwable t = cause; t != null && refusal == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProxyConnectException p) {
        refusal = p;
      }
    }
    if (refusal == null || refusal.getMessage() == null) {
      return cause;
    }
    String message = refusal.getMessage();
    if (kind == ProxyOptions.Kind.HTTP) {
      Matcher m = HTTP_STATUS.matcher(message);
      if (!m.find()) {
        return cause; // a timeout or a disconnect, not an answer
      }
      int status = Integer.parseInt(m.group(1));
      return new ProxyRefusedException(kind, status, status == 407, "the HTTP proxy " + host + ":" + port
          + " refused the tunnel: " + message.substring(m.start()) + (status == 407
              ? (username == null ? " (it wants credentials: ProxyOptions.credentials)" : " (check the credentials)")
              : ""), refusal);
    }
    boolean auth = message.contains("authStatus") || message.contains("authMethod");
    if (!auth && !message.contains("status:")) {
      return cause;
    }
    String answer = message.substring(message.lastIndexOf(", ") + 2);
    return new ProxyRefusedException(kind, 0, auth, "the SOCKS5 proxy " + host + ":" + port + " refused "
        + (auth ? "the authentication" + (username == null ? " (it wants credentials: ProxyOptions.credentials)"
            : " (check the credentials)") : "the connection") + ": " + answer, refusal);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " proxy " + host + ":" + port;
  }
}
