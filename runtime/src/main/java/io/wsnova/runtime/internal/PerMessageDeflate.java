package io.wsnova.runtime.internal;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.wsnova.runtime.DeflateOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code permessage-deflate} negotiation of RFC 7692, section 7: the offer this client makes, and the
 * check of the server's answer against it. The compression itself is Netty's (its encoder and decoder,
 * built for exactly what was agreed); the negotiation is ours, because Netty's accepts answers RFC 7692
 * says a client must fail (a parameter given twice) and refuses ones it must accept ({@code
 * client_no_context_takeover} that was not offered).
 */
final class PerMessageDeflate {
  static final String NAME = "permessage-deflate";
  private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
  private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
  private static final String CLIENT_MAX_WINDOW = "client_max_window_bits";
  private static final String SERVER_MAX_WINDOW = "server_max_window_bits";

  /** What the server's answer settled. */
  record Agreed(boolean clientNoContext, boolean serverNoContext, int clientWindowBits, int serverWindowBits) {
    /** The JDK's deflater has a 15-bit window only; with a smaller one agreed, messages go out uncompressed. */
    boolean compressesOutbound() {
      return clientWindowBits == 15;
    }

    /** As a {@code Sec-WebSocket-Extensions} value, for the connection's status and logs. */
    String describe() {
      StringBuilder s = new StringBuilder(NAME);
      if (clientNoContext) {
        s.append("; ").append(CLIENT_NO_CONTEXT);
      }
      if (serverNoContext) {
        s.append("; ").append(SERVER_NO_CONTEXT);
      }
      if (clientWindowBits != 15) {
        s.append("; ").append(CLIENT_MAX_WINDOW).append('=').append(clientWindowBits);
      }
      if (serverWindowBits != 15) {
        s.append("; ").append(SERVER_MAX_WINDOW).append('=').append(serverWindowBits);
      }
      return s.toString();
    }
  }

  /** The server's answer breaks RFC 7692: the connection must fail. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private PerMessageDeflate() {}

  /**
   * The offer. It always includes {@code client_max_window_bits} (no value): the server may then ask for a
   * smaller client window, which this client honours by not compressing.
   */
  static String offer(DeflateOptions o) {
    StringBuilder s = new StringBuilder(NAME).append("; ").append(CLIENT_MAX_WINDOW);
    if (o.clientNoContextTakeover()) {
      s.append("; ").append(CLIENT_NO_CONTEXT);
    }
    if (o.serverNoContextTakeover()) {
      s.append("; ").append(SERVER_NO_CONTEXT);
    }
    if (o.serverMaxWindowBits() != 15) {
      s.append("; ").append(SERVER_MAX_WINDOW).append('=').append(o.serverMaxWindowBits());
    }
    return s.toString();
  }

  /** Checks the server's {@code Sec-WebSocket-Extensions} value against the offer (RFC 7692 section 7). */
  static Agreed accept(String header, DeflateOptions offered) throws Refused {
    String[] extensions = header.split(",");
    if (extensions.length != 1) {
      throw new Refused("the server accepted several extensions ('" + header + "'); only " + NAME + " was offered");
    }
    String[] parts = extensions[0].split(";");
    String name = parts[0].trim();
    if (!name.equalsIgnoreCase(NAME)) {
      throw new Refused("the server accepted the extension '" + name + "', which was not offered");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int eq = part.indexOf('=');
      String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : unquote(part.substring(eq + 1).trim());
      if (params.containsKey(key)) {
        throw new Refused("the server's " + NAME + " answer gives " + key + " twice");
      }
      params.put(key, value);
    }
    boolean clientNoContext = false;
    boolean serverNoContext = false;
    int clientBits = 15;
    int serverBits = 15;
    for (Map.Entry<String, String> p : params.entrySet()) {
      switch (p.getKey()) {
        case CLIENT_NO_CONTEXT -> clientNoContext = noValue(p); // allowed even when not offered (7.1.1.2)
        case SERVER_NO_CONTEXT -> serverNoContext = noValue(p);
        case CLIENT_MAX_WINDOW -> clientBits = bits(p); // offered always
        case SERVER_MAX_WINDOW -> serverBits = bits(p);
        default -> throw new Refused("the server's " + NAME + " answer has the parameter '" + p.getKey()
            + "', which RFC 7692 does not define");
      }
    }
    if (offered.serverNoContextTakeover() && !serverNoContext) {
      throw new Refused("the server accepted " + NAME + " without " + SERVER_NO_CONTEXT + ", which was asked for");
    }
    if (offered.serverMaxWindowBits() != 15 && !params.containsKey(SERVER_MAX_WINDOW)) {
      throw new Refused("the server accepted " + NAME + " without " + SERVER_MAX_WINDOW + ", which was asked for");
    }
    if (serverBits > offered.serverMaxWindowBits()) {
      throw new Refused("the server's " + NAME + " answer has " + SERVER_MAX_WINDOW + "=" + serverBits
          + ", above the " + offered.serverMaxWindowBits() + " asked for");
    }
    return new Agreed(clientNoContext || offered.clientNoContextTakeover(), serverNoContext, clientBits, serverBits);
  }

  private static boolean noValue(Map.Entry<String, String> p) throws Refused {
    if (p.getValue() != null) {
      throw new Refused(p.getKey() + " takes no value, the server gave '" + p.getValue() + "'");
    }
    return true;
  }

  private static int bits(Map.Entry<String, String> p) throws Refused {
    String v = p.getValue();
    if (v == null || !v.matches("[0-9]{1,2}") || Integer.parseInt(v) < 8 || Integer.parseInt(v) > 15) {
      throw new Refused(p.getKey() + " must be 8 to 15, the server gave " + (v == null ? "no value" : "'" + v + "'"));
    }
    return Integer.parseInt(v);
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /** Netty's inflater for what was agreed, which fails a frame that would inflate past {@code maxMessageSize}. */
  static ChannelHandler decoder(Agreed a, int maxMessageSize) {
    return extension(a, 6, 0, maxMessageSize).newExtensionDecoder();
  }

  /** Netty's deflater for what was agreed, leaving messages under the threshold uncompressed. */
  static ChannelHandler encoder(Agreed a, DeflateOptions o) {
    return extension(a, o.level(), o.threshold(), 0).newExtensionEncoder();
  }

  private static WebSocketClientExtension extension(Agreed a, int level, int threshold, int maxAllocation) {
    WebSocketExtensionFilter belowThreshold = frame -> frame.content().readableBytes() < threshold;
    WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
      @Override
      public WebSocketExtensionFilter encoderFilter() {
        return belowThreshold;
      }

      @Override
      public WebSocketExtensionFilter decoderFilter() {
        return WebSocketExtensionFilter.NEVER_SKIP;
      }
    };
    // Netty's handshaker is only the factory of its codecs here: configured to accept exactly the agreement.
    PerMessageDeflateClientExtensionHandshaker netty = new PerMessageDeflateClientExtensionHandshaker(level,
        a.clientWindowBits() != 15, 15, a.clientNoContext(), false, filters, maxAllocation);
    Map<String, String> params = new LinkedHashMap<>();
    if (a.clientNoContext()) {
      params.put(CLIENT_NO_CONTEXT, null);
    }
    if (a.serverNoContext()) {
      params.put(SERVER_NO_CONTEXT, null);
    }
    if (a.clientWindowBits() != 15) {
      params.put(CLIENT_MAX_WINDOW, Integer.toString(a.clientWindowBits()));
    }
    if (a.serverWindowBits() != 15) {
      params.put(SERVER_MAX_WINDOW, Integer.toString(a.serverWindowBits()));
    }
    WebSocketClientExtension extension = netty.handshakeExtension(new WebSocketExtensionData(NAME, params));
    if (extension == null) {
      throw new IllegalStateException("Netty refused the agreed " + a.describe());
    }
    return extension;
  }
}
