package io.wsnova.examples.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/** Routes the messages of one connection by the path it upgraded on. */
final class DemoFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private final TickerFeed feed;
  private final ExchangeDialect exchange;
  private String path = "/";

  DemoFrameHandler(TickerFeed feed, ExchangeDialect exchange) {
    this.feed = feed;
    this.exchange = exchange;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof HandshakeComplete hs) {
      path = hs.requestUri();
      if (path.equals(ExchangeDialect.PATH)) {
        exchange.opened(ctx.channel());
      } else if (!path.equals("/echo") && !path.equals("/ticker")) {
        ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1008, "unknown path " + path))
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      }
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (path.equals("/echo")) {
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        ctx.writeAndFlush(frame.retainedDuplicate());
      }
    } else if (path.equals(ExchangeDialect.PATH)) {
      if (frame instanceof TextWebSocketFrame text) {
        exchange.onRequest(ctx.channel(), text.text());
      }
    } else if (frame instanceof TextWebSocketFrame text) {
      feed.onRequest(ctx.channel(), text.text());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    feed.unsubscribe(ctx.channel());
    exchange.closed(ctx.channel());
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
