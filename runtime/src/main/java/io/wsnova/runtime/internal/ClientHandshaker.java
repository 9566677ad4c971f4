package io.wsnova.runtime.internal;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.wsnova.runtime.Options;
import java.net.URI;

/**
 * Netty's RFC 6455 client handshake, with a frame decoder configured for a strict client: server frames
 * must not be masked, reserved bits must be clear unless {@code permessage-deflate} was offered (then
 * {@link FrameDispatcher} checks them against what was agreed), and a violation is raised to
 * {@link FrameDispatcher}, which closes with the right status code itself. Netty's own
 * close-on-violation is off so that one place decides the close frame and the reason the user sees.
 */
final class ClientHandshaker extends WebSocketClientHandshaker13 {
  /** The decoder settings of the default message size without extensions: one object for most connections. */
  private static final WebSocketDecoderConfig DEFAULT_DECODER = decoderConfig(Options.DEFAULT_MAX_MESSAGE_SIZE, false);

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

  /** Our encoder, which masks eight bytes at a time ({@link MaskingFrameEncoder}); one for every channel. */
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

  @Override
  protected WebSocketFrameDecoder newWebsocketDecoder() {
    if (parsingDispatcher != null) {
      return parsingDispatcher;
    }
    boolean extensions = extensionsOffer != null;
    return new WebSocket13FrameDecoder(maxFramePayload == Options.DEFAULT_MAX_MESSAGE_SIZE && !extensions
        ? DEFAULT_DECODER : decoderConfig(maxFramePayload, extensions));
  }

  private static WebSocketDecoderConfig decoderConfig(int maxFramePayload, boolean extensions) {
    return WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(false)
        .allowMaskMismatch(false)
        .allowExtensions(extensions)
        .maxFramePayloadLength(maxFramePayload)
        .closeOnProtocolViolation(false)
        .build();
  }
}
