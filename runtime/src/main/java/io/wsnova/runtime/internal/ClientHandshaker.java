package io.wsnova.runtime.internal;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Netty's RFC 6455 client handshake, with a frame decoder configured for a strict client: server frames
 * must not be masked, reserved bits must be clear (no extensions are negotiated), and a violation is
 * raised to {@link FrameDispatcher}, which closes with the right status code itself. Netty's own
 * close-on-violation is off so that one place decides the close frame and the reason the user sees.
 */
final class ClientHandshaker extends WebSocketClientHandshaker13 {
  private final int maxFramePayload;
  private final HttpHeaders userHeaders;

  ClientHandshaker(URI uri, String subprotocols, HttpHeaders headers, int maxFramePayload) {
    super(uri, WebSocketVersion.V13, subprotocols, false, headers, maxFramePayload, true, false, -1);
    this.maxFramePayload = maxFramePayload;
    this.userHeaders = headers;
  }

  /** No Origin header unless the user set one: a client is not a browser, and some servers check it. */
  @Override
  protected FullHttpRequest newHandshakeRequest() {
    FullHttpRequest request = super.newHandshakeRequest();
    if (!userHeaders.contains(HttpHeaderNames.ORIGIN)) {
      request.headers().remove(HttpHeaderNames.ORIGIN);
    }
    return request;
  }

  @Override
  protected WebSocketFrameDecoder newWebsocketDecoder() {
    return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(false)
        .allowMaskMismatch(false)
        .allowExtensions(false)
        .maxFramePayloadLength(maxFramePayload)
        .closeOnProtocolViolation(false)
        .build());
  }
}
