package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.ReferenceCountUtil;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.DeflateOptions;

/**
 * Looks at the upgrade response's head as soon as it arrives, before the aggregator waits for a body,
 * and fails the attempt at once where RFC 6455 section 4.1 and RFC 7692 say to:
 * <ul>
 *   <li>a 101 without {@code Sec-WebSocket-Accept} (Netty's HTTP decoder would take it for a Hixie-76
 *       response and wait for its body until the connect timeout);</li>
 *   <li>a 101 that names an extension the client did not offer, or accepts {@code permessage-deflate}
 *       with parameters RFC 7692 says a client must refuse. The server has switched protocols by then, so
 *       the client says why in a close frame with 1002 before it closes the connection.</li>
 * </ul>
 * What the server agreed to goes on the attempt, for the upgrade handler. Then it steps out of the pipeline.
 */
final class UpgradeResponseCheck extends ChannelInboundHandlerAdapter {
  private final ManagedConnection connection;
  private final Attempt attempt;
  private final DeflateOptions deflateOffered;

  /** {@code deflateOffered}: the permessage-deflate offer made, or null for none. */
  UpgradeResponseCheck(ManagedConnection connection, Attempt attempt, DeflateOptions deflateOffered) {
    this.connection = connection;
    this.attempt = attempt;
    this.deflateOffered = deflateOffered;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpResponse response)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      ctx.pipeline().remove(this);
      ctx.fireChannelRead(msg); // the upgrade handler reports the status
      return;
    }
    if (!response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)) {
      fail(ctx, msg, response, "the server switched protocols without Sec-WebSocket-Accept (RFC 6455 section 4.1)",
          false);
      return;
    }
    String extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    if (extensions != null && !extensions.isBlank()) {
      if (deflateOffered == null) {
        fail(ctx, msg, response, "the server accepted the extension '" + extensions + "', which the client did not"
            + " offer (RFC 6455 section 4.1)", true);
        return;
      }
      try {
        attempt.deflate = PerMessageDeflate.accept(extensions, deflateOffered);
      } catch (PerMessageDeflate.Refused refused) {
        fail(ctx, msg, response, refused.getMessage() + " (RFC 7692 section 7)", true);
        return;
      }
    }
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }

  private void fail(ChannelHandlerContext ctx, Object msg, HttpResponse response, String problem, boolean sayWhy) {
    ReferenceCountUtil.release(msg);
    if (sayWhy) {
      // Written below the HTTP codec (which would refuse raw bytes), and before the failure closes the channel:
      // the frame, masked as a client's must be.
      ctx.pipeline().context("http").writeAndFlush(closeFrame(ctx, problem)).addListener(ChannelFutureListener.CLOSE);
    }
    connection.attemptFailed(attempt, new WebSocketClientHandshakeException(problem, response));
    ctx.close();
  }

  private static ByteBuf closeFrame(ChannelHandlerContext ctx, String reason) {
    CloseWebSocketFrame close = new CloseWebSocketFrame(CloseCodes.PROTOCOL_ERROR, CloseCodes.fitReason(reason));
    try {
      return MaskingFrameEncoder.encode(ctx.alloc(), close);
    } finally {
      close.release();
    }
  }
}
