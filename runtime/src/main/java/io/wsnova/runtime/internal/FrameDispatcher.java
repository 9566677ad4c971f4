package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The last handler of an open WebSocket: turns Netty frames into {@link Frame}s (copying out of, and
 * releasing, every buffer, so user code never sees one), answers pings at once, and reports closes and
 * protocol errors with their RFC 6455 codes.
 *
 * <p>Frames that arrive before the connection is started (in the same read as the 101 response) wait
 * in a small queue, so that on connect always runs before the first on frame.
 */
final class FrameDispatcher extends ChannelInboundHandlerAdapter {
  private final ManagedConnection connection;
  private final Attempt attempt;
  private ArrayDeque<Object> early = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  FrameDispatcher(ManagedConnection connection, Attempt attempt) {
    this.connection = connection;
    this.attempt = attempt;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Lets frames through; called after on connect ran. */
  void start() {
    ArrayDeque<Object> queued = early;
    early = null;
    while (!queued.isEmpty() && attempt.phase == Attempt.Phase.OPEN) {
      dispatch(queued.poll());
    }
    queued.forEach(ReferenceCountUtil::release);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (early != null) {
      early.add(msg);
      return;
    }
    attempt.inRead = true;
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    try {
      if (attempt.phase != Attempt.Phase.OPEN) {
        return; // closing: frames after our close frame are discarded (RFC 6455 section 5.5.1)
      }
      if (msg instanceof TextWebSocketFrame text) {
        connection.inbound(attempt, Frame.text(text.content().toString(StandardCharsets.UTF_8)));
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        connection.inbound(attempt, Frame.binary(ByteBufUtil.getBytes(binary.content())));
      } else if (msg instanceof PingWebSocketFrame ping) {
        ByteBuf payload = ping.content();
        byte[] bytes = ByteBufUtil.getBytes(payload);
        connection.writeControl(attempt, new PongWebSocketFrame(payload.retain()));
        connection.inbound(attempt, Frame.ping(bytes));
      } else if (msg instanceof PongWebSocketFrame pong) {
        connection.pong(attempt, ByteBufUtil.getBytes(pong.content()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        int code = close.statusCode();
        connection.peerClosed(attempt, code == -1 ? CloseCodes.NO_STATUS : code, close.reasonText());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    attempt.inRead = false;
    connection.flushIfPending(attempt);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      connection.protocolError(attempt, corrupted.closeStatus().code(), corrupted.getMessage());
    } else if (cause instanceof TooLongFrameException) {
      connection.protocolError(attempt, CloseCodes.MESSAGE_TOO_BIG, "message larger than the maximum message size");
    } else if (cause instanceof CorruptedFrameException) {
      connection.protocolError(attempt, CloseCodes.PROTOCOL_ERROR, cause.getMessage());
    } else {
      connection.transportError(attempt, cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early.clear();
    }
    connection.channelClosed(attempt);
  }
}
