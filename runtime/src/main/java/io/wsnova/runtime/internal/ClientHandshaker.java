package io.wsnova.runtime.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Netty's RFC 6455 client handshake, with wsnova's frame handlers. Without an extension the
 * {@link FrameDispatcher} itself is the decoder (its {@link FrameParser} reads the bytes) and there is no
 * encoder: the connection encodes its frames as it writes them ({@link MaskingFrameEncoder#wireForm}). With
 * permessage-deflate our encoder sits behind the deflater, and Netty's decoder goes in front of the
 * inflater, configured for a strict client: server frames must not be masked, reserved bits pass (the
 * inflater clears the one it owns and the dispatcher refuses the rest), and a violation is raised to the
 * dispatcher, which closes with the right status code itself; Netty's own close-on-violation is off so that
 * one place decides the close frame and the reason the user sees.
 */
final class ClientHandshaker extends WebSocketClientHandshaker13 {
  private final int maxFramePayload;
  private final HttpHeaders userHeaders;
  private final String extensionsOffer;
  /** The dispatcher, when it parses frames itself (no extension agreed); else null, for Netty's decoder. */
  private FrameDispatcher parsingDispatcher;

  /** {@code extensionsOffer}: the {@code Sec-WebSocket-Extensions} value to send, or null for none. */
  ClientHandshaker(URI uri, String subprotocols, HttpHeaders headers, int maxFramePayload, String extensionsOffer) {
    super(uri, WebSocketVersion.V13, subprotocols, extensionsOffer != null, headers, maxFramePayload, true, false, -1);
    this.maxFramePayload = maxFramePayload;
    this.userHeaders = headers;
    this.extensionsOffer = extensionsOffer;
  }

  /** No Origin header unless the user set one: a client is not a browser, and some servers check it. */
  @Override
  protected FullHttpRequest newHandshakeRequest() {
    FullHttpRequest request = super.newHandshakeRequest();
    if (!userHeaders.contains(HttpHeaderNames.ORIGIN)) {
      request.headers().remove(HttpHeaderNames.ORIGIN);
    }
    if (extensionsOffer != null) {
      request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, extensionsOffer);
    }
    return request;
  }

  /**
   * Our encoder, which masks eight bytes at a time ({@link MaskingFrameEncoder}); one for every channel. Netty
   * adds it when the request goes out, before the response says whether an extension was agreed; without
   * one, {@link #finish} takes it out again.
   */
  @Override
  protected WebSocketFrameEncoder newWebSocketEncoder() {
    return MaskingFrameEncoder.INSTANCE;
  }

  /**
   * Lets {@code dispatcher} be the frame decoder: set before {@link #finishHandshake} when no extension was
   * agreed, so the pipeline has no decoder of Netty's in front of it.
   */
  void decodeWith(FrameDispatcher dispatcher) {
    this.parsingDispatcher = dispatcher;
  }

  /**
   * {@link #finishHandshake} (Netty's checks and pipeline changes; final there), then, without an extension,
   * no encoder: one handler context less per connection.
   */
  void finish(Channel channel, FullHttpResponse response) {
    finishHandshake(channel, response);
    if (parsingDispatcher != null && channel.pipeline().context(MaskingFrameEncoder.INSTANCE) != null) {
      channel.pipeline().remove(MaskingFrameEncoder.INSTANCE);
    }
  }

  /**
   * The dispatcher, or, when permessage-deflate was agreed (reserved bits let through for the inflater),
   * Netty's decoder in front of the inflater.
   */
  @Override
  protected WebSocketFrameDecoder newWebsocketDecoder() {
    if (parsingDispatcher != null) {
      return parsingDispatcher;
    }
    return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(false)
        .allowMaskMismatch(false)
        .allowExtensions(true)
        .maxFramePayloadLength(maxFramePayload)
        .closeOnProtocolViolation(false)
        .build());
  }
}
