package io.wsnova.runtime.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.UpgradeRejectedException;

/**
 * Sends the HTTP upgrade request once the transport is ready (after TLS, if any), and turns the
 * response into either an open WebSocket pipeline or a failed attempt with the HTTP status.
 */
final class UpgradeHandler extends ChannelInboundHandlerAdapter {
  private final ManagedConnection connection;
  private final Attempt attempt;
  private final ClientHandshaker handshaker;
  private final Options options;
  private final DeflateOptions deflateOffered;
  /** Set once the 101 arrived: failures decoding the frames that came with it are the dispatcher's to handle. */
  private FrameDispatcher dispatcher;

  UpgradeHandler(ManagedConnection connection, Attempt attempt, ClientHandshaker handshaker, Options options,
      DeflateOptions deflateOffered) {
    this.deflateOffered = deflateOffered;
    this.connection = connection;
    this.attempt = attempt;
    this.handshaker = handshaker;
    this.options = options;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) {
      startUpgrade(ctx);
    } else {
      ssl.handshakeFuture().addListener(f -> {
        if (f.isSuccess()) {
          startUpgrade(ctx);
        } else {
          connection.attemptFailed(attempt, f.cause());
        }
      });
    }
    ctx.fireChannelActive();
  }

  private void startUpgrade(ChannelHandlerContext ctx) {
    connection.upgradeStarted(attempt);
    handshaker.handshake(ctx.channel()).addListener(f -> {
      if (!f.isSuccess()) {
        connection.attemptFailed(attempt, f.cause());
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpResponse response)) {
      ctx.fireChannelRead(msg); // WebSocket frames that came in the same read as the 101
      return;
    }
    try {
      if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
        connection.attemptFailed(attempt,
            new UpgradeRejectedException(response.status().code(), response.status().reasonPhrase()));
        return;
      }
      // The frame handlers go in before finishHandshake: it may pass on frames that came with the 101.
      // Without an extension the dispatcher parses the bytes itself and takes the HTTP codec's place. With
      // permessage-deflate, Netty's frame codec takes it, then come the inflater, the deflater (unless the
      // agreed client window is one the JDK cannot compress for), and the dispatcher.
      PerMessageDeflate.Agreed deflate = attempt.deflate;
      if (deflate != null) {
        ctx.pipeline().addBefore(ctx.name(), "deflate-decoder", PerMessageDeflate.decoder(deflate, options.maxMessageSize()));
        if (deflate.compressesOutbound()) {
          ctx.pipeline().addBefore(ctx.name(), "deflate-encoder",
              PerMessageDeflate.encoder(deflate, deflateOffered));
        }
      }
      dispatcher = new FrameDispatcher(connection, attempt, options.maxMessageSize());
      if (deflate == null) {
        handshaker.decodeWith(dispatcher); // finishHandshake puts it where the frame decoder goes
      } else {
        ctx.pipeline().addAfter(ctx.name(), "ws-dispatcher", dispatcher);
      }
      try {
        handshaker.finish(ctx.channel(), response);
      } catch (RuntimeException e) {
        if (ctx.pipeline().context(dispatcher) != null) {
          ctx.pipeline().remove(dispatcher); // releases the frames that came with the refused 101
        }
        throw e;
      }
      ctx.pipeline().remove(this);
      connection.upgraded(attempt, handshaker.actualSubprotocol(), dispatcher);
    } catch (RuntimeException e) {
      connection.attemptFailed(attempt, e);
      ctx.close();
    } finally {
      ReferenceCountUtil.release(response);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (dispatcher != null) {
      ctx.fireExceptionCaught(cause); // a frame that came with the 101 did not decode (or inflate)
    } else {
      connection.attemptFailed(attempt, cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.channelClosed(attempt);
    ctx.fireChannelInactive(); // a dispatcher added for a 101 that then failed releases what it holds
  }
}
