package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Checks that text messages are valid UTF-8 (RFC 6455 section 8.1) frame by frame, so an invalid
 * fragment fails at once, not when its message completes; a code point may span fragments.
 *
 * <p>ASCII, which most text messages are, is checked eight bytes at a time; Netty's validator walks every
 * byte through a table and costs text messages more than twice the time (see LANDSCAPE.md).
 */
final class Utf8TextValidator extends ChannelInboundHandlerAdapter {
  private final Utf8State state = new Utf8State();
  private boolean inTextMessage;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame text) {
      inTextMessage = true;
      check(text.content(), text.isFinalFragment(), msg);
    } else if (msg instanceof ContinuationWebSocketFrame continuation && inTextMessage) {
      check(continuation.content(), continuation.isFinalFragment(), msg);
    }
    ctx.fireChannelRead(msg);
  }

  private void check(ByteBuf content, boolean last, Object msg) {
    boolean valid = state.feed(content) && (!last || state.isComplete());
    if (last) {
      inTextMessage = false;
      state.reset();
    }
    if (!valid) {
      io.netty.util.ReferenceCountUtil.release(msg);
      state.reset();
      throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
          "text message is not valid UTF-8");
    }
  }
}
