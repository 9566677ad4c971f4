package io.wsnova.bench.clients;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wsnova.bench.echo.EchoLoop;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written Netty client tuned as a careful engineer would tune it, the reference wsnova is held to:
 * Netty's per-byte {@code Utf8FrameValidator} off, the text still checked strictly as it is decoded (a
 * {@link java.nio.charset.CharsetDecoder} that reports malformed input, run on an array), outbound text
 * encoded with {@code String.getBytes}, answers written from the read callback and flushed once per read
 * batch. No timers, no reconnection.
 */
public final class RawNettyEcho implements EchoClient {
  /**
   * Reads per wake-up, or 0 for Netty's default (16 for sockets). wsnova reads once per wake-up, which
   * flushes replies sooner; the variant with 1 shows what that setting alone is worth to raw Netty.
   */
  private final int readsPerWakeup;
  /**
   * Netty's io_uring transport in place of epoll: a write and the next wait can share one system call,
   * which is what could cut the kernel's share of a round trip with one message in flight.
   */
  private final boolean ioUring;
  private EventLoopGroup group;
  private Channel channel;
  /** The last text received, kept so that decoding it cannot be optimized away. */
  String text;

  public RawNettyEcho() {
    this(0, false);
  }

  private RawNettyEcho(int readsPerWakeup, boolean ioUring) {
    this.readsPerWakeup = readsPerWakeup;
    this.ioUring = ioUring;
  }

  /** The reference with wsnova's read setting: one read per wake-up. */
  public static RawNettyEcho oneReadPerWakeup() {
    return new RawNettyEcho(1, false);
  }

  /** The reference on Netty's io_uring transport. */
  public static RawNettyEcho overIoUring() {
    return new RawNettyEcho(0, true);
  }

  @Override
  public String name() {
    return ioUring ? "raw Netty (io_uring)"
        : readsPerWakeup == 0 ? "raw Netty" : "raw Netty (" + readsPerWakeup + " read per wake-up)";
  }

  /** Opens one connection on {@code group} and returns its channel once upgraded (also used by the fleet). */
  public static Channel open(EventLoopGroup group, URI uri, SimpleChannelInboundHandler<TextWebSocketFrame> onText)
      throws Exception {
    return open(group, nativeOrNio(), uri, onText, 0);
  }

  private static Channel open(EventLoopGroup group, Class<? extends SocketChannel> channelType, URI uri,
      SimpleChannelInboundHandler<TextWebSocketFrame> onText, int readsPerWakeup) throws Exception {
    WebSocketClientHandshaker hs = WebSocketClientHandshakerFactory.newHandshaker(
        uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, 16 << 20, true, false, -1, false, false);
    Channel[] holder = new Channel[1];
    ChannelPromise[] upgraded = new ChannelPromise[1];
    Bootstrap b = new Bootstrap().group(group)
        .channel(channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            upgraded[0] = ch.newPromise();
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                new SimpleChannelInboundHandler<FullHttpResponse>() {
                  @Override
                  public void channelActive(ChannelHandlerContext ctx) {
                    hs.handshake(ctx.channel());
                  }

                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
                    hs.finishHandshake(ctx.channel(), res);
                    ctx.pipeline().replace(this, "echo", onText);
                    upgraded[0].setSuccess();
                  }
                });
          }
        });
    if (readsPerWakeup > 0) {
      b.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(readsPerWakeup));
    }
    holder[0] = b.connect(uri.getHost(), uri.getPort()).sync().channel();
    upgraded[0].get(10, TimeUnit.SECONDS);
    return holder[0];
  }

  /** The channel type for {@link #group}'s transport. */
  private static Class<? extends SocketChannel> nativeOrNio() {
    return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** A new event-loop group of one thread, on the transport wsnova would pick. */
  public static EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(threads,
        Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    if (ioUring && !IoUring.isAvailable()) {
      throw new IllegalStateException("io_uring is not available here", IoUring.unavailabilityCause());
    }
    group = ioUring ? new MultiThreadIoEventLoopGroup(1, IoUringIoHandler.newFactory()) : group(1);
    Class<? extends SocketChannel> channelType = ioUring ? IoUringSocketChannel.class : nativeOrNio();
    channel = open(group, channelType, uri, new SimpleChannelInboundHandler<TextWebSocketFrame>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        text = strictText(frame); // an application reads what it receives; so does every other client here
        if (loop.received()) {
          ctx.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8))));
        }
      }

      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
      }
    }, readsPerWakeup);
  }

  private final StrictUtf8 utf8 = new StrictUtf8();
  /**
   * The frame's bytes, copied out of Netty's buffer first, since {@link StrictUtf8} takes an array (Netty's
   * pooled buffers are direct, which the JDK's decoder reads a byte at a time). Decoding the
   * direct buffer itself, this client ran 147k-169k messages/s at 1 KiB with 64 in flight, 3.8 µs of CPU
   * each; with the copy 284k-321k, 2.1-2.6 µs, in turns against one server (six more runs with the copy:
   * 159k-340k; what else moves it between runs is not known).
   */
  private byte[] copy = new byte[1024];

  String strictText(TextWebSocketFrame frame) {
    ByteBuf content = frame.content();
    int length = content.readableBytes();
    if (copy.length < length) {
      copy = new byte[length];
    }
    content.getBytes(content.readerIndex(), copy, 0, length);
    return utf8.decode(copy, length);
  }

  @Override
  public void send(String payload) {
    channel.eventLoop().execute(() -> channel.writeAndFlush(
        new TextWebSocketFrame(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)))));
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
