package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns frames into whole, valid messages: reassembles fragments up to the maximum message size
 * (Netty's aggregator, which lets control frames through at once) and checks that text is valid UTF-8
 * (RFC 6455 section 8.1) frame by frame, so an invalid fragment fails at once, not when its message
 * completes; a code point may span fragments.
 *
 * <p>One handler for both jobs because they are one pass over each data frame, and every pipeline hop
 * costs on the hot path. ASCII, which most text is, is checked eight bytes at a time; Netty's own
 * validator walks every byte through a table and costs large text messages more than twice the time.
 */
final class MessageAssembler extends WebSocketFrameAggregator {
  private final Utf8State utf8 = new Utf8State();
  private boolean inTextMessage;

  MessageAssembler(int maxMessageSize) {
    super(maxMessageSize);
  }

  /** Checks before aggregating: whole (unfragmented) messages skip the aggregator's decode. */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        inTextMessage = true;
        check(text.content(), text.isFinalFragment());
      } else if (msg instanceof ContinuationWebSocketFrame continuation && inTextMessage) {
        check(continuation.content(), continuation.isFinalFragment());
      }
    } catch (CorruptedWebSocketFrameException e) {
      ReferenceCountUtil.release(msg);
      throw e;
    }
    super.channelRead(ctx, msg);
  }

  private void check(ByteBuf content, boolean last) {
    boolean valid = utf8.feed(content) && (!last || utf8.isComplete());
    if (last || !valid) {
      inTextMessage = false;
      utf8.reset();
    }
    if (!valid) {
      throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
          "text message is not valid UTF-8");
    }
  }
}
