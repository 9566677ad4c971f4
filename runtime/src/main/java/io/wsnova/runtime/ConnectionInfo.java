package io.wsnova.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect, asked of the handler before every connection attempt.
 *
 * @param host the server's host name or address (required)
 * @param port 1..65535 (required; {@link #of(URI)} fills in 80 or 443)
 * @param path the request path, starting with {@code /}, with any query (required)
 * @param transport TCP or TLS (required)
 * @param tls TLS settings, used when {@code transport} is TLS; verifying by default
 * @param timeout how long connecting, the TLS handshake and the upgrade may take together; {@code null}
 *     for the options' connect timeout (10 s unless set)
 * @param subprotocols offered in the upgrade request, in order of preference
 * @param headers extra upgrade request headers
 * @param pingInterval the heartbeat interval; {@code null} for the options' interval, {@link Duration#ZERO}
 *     for no heartbeat
 */
public record ConnectionInfo(
    String host,
    int port,
    String path,
    Transport transport,
    TlsOptions tls,
    Duration timeout,
    List<String> subprotocols,
    Map<String, String> headers,
    Duration pingInterval) {

  public ConnectionInfo {
    if (host == null || host.isBlank()) {
      throw new InvalidConnectionInfoException("host", "is required and must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidConnectionInfoException("port", "must be in 1..65535, was " + port);
    }
    if (path == null || !path.startsWith("/")) {
      throw new InvalidConnectionInfoException("path", "must start with '/', was " + (path == null ? "null" : '"' + path + '"'));
    }
    if (transport == null) {
      throw new InvalidConnectionInfoException("transport", "is required (TCP or TLS)");
    }
    tls = tls == null ? TlsOptions.DEFAULT : tls;
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidConnectionInfoException("timeout", "must be positive, was " + timeout);
    }
    if (pingInterval != null && pingInterval.isNegative()) {
      throw new InvalidConnectionInfoException("pingInterval", "must not be negative, was " + pingInterval);
    }
    subprotocols = List.copyOf(subprotocols == null ? List.of() : subprotocols);
    for (String p : subprotocols) {
      if (p.isBlank() || p.chars().anyMatch(c -> c <= ' ' || c == ',' || c >= 0x7f)) {
        throw new InvalidConnectionInfoException("subprotocols", "contains an invalid token: \"" + p + '"');
      }
    }
    // Map.of() when there are none: a map object per connection is heap that idle connections pay for.
    headers = headers == null || headers.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey() == null || h.getKey().isBlank() || h.getValue() == null
          || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
        throw new InvalidConnectionInfoException("headers", "contains an invalid header: " + h.getKey());
      }
    }
  }

  /** A connection to a {@code ws://} or {@code wss://} address with every other field at its default. */
  public static ConnectionInfo of(URI uri) {
    return builder(uri).build();
  }

  /** {@link #of(URI)} for a string address. */
  public static ConnectionInfo of(String uri) {
    return of(parse(uri));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder filled in from a {@code ws://} or {@code wss://} address. */
  public static Builder builder(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    Transport transport = switch (scheme) {
      case "ws" -> Transport.TCP;
      case "wss" -> Transport.TLS;
      default -> throw new InvalidConnectionInfoException("transport", "needs a ws:// or wss:// address, was " + uri);
    };
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    int port = uri.getPort() != -1 ? uri.getPort() : transport == Transport.TLS ? 443 : 80;
    String host = uri.getHost();
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal: the brackets belong to the URI, not the address
    }
    return new Builder().host(host).port(port).path(path).transport(transport);
  }

  /** This info as a {@code ws://} or {@code wss://} address. */
  public URI uri() {
    return URI.create((transport == Transport.TLS ? "wss://" : "ws://")
        + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + path);
  }

  /** A builder holding this info's values, to change a few. */
  public Builder toBuilder() {
    Builder b = new Builder().host(host).port(port).path(path).transport(transport).tls(tls).timeout(timeout)
        .subprotocols(subprotocols).pingInterval(pingInterval);
    headers.forEach(b::header);
    return b;
  }

  static URI parse(String uri) {
    try {
      return new URI(Objects.requireNonNull(uri, "uri"));
    } catch (java.net.URISyntaxException e) {
      throw new InvalidConnectionInfoException("uri", "is not a valid address: " + e.getMessage());
    }
  }

  /** Builds a {@link ConnectionInfo}; {@link #build()} validates and names the first bad field. */
  public static final class Builder {
    private String host;
    private int port;
    private String path = "/";
    private Transport transport;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private Duration timeout;
    private final List<String> subprotocols = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration pingInterval;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    public Builder tls(TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder subprotocols(List<String> subprotocols) {
      this.subprotocols.clear();
      this.subprotocols.addAll(subprotocols);
      return this;
    }

    public Builder subprotocols(String... subprotocols) {
      return subprotocols(List.of(subprotocols));
    }

    public Builder header(String name, String value) {
      this.headers.put(name, value);
      return this;
    }

    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
      return this;
    }

    public ConnectionInfo build() {
      return new ConnectionInfo(host, port, path, transport, tls, timeout, subprotocols, headers, pingInterval);
    }
  }
}
