package io.wsnova.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.util.List;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one server every client is measured against: a Netty echo server on loopback that answers pings,
 * writes echoes as they are read and flushes once per read batch, so that it is not the bottleneck.
 */
public final class EchoServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Set<Channel> children = ConcurrentHashMap.newKeySet();
  private Channel listener;
  private final Class<? extends ServerSocketChannel> channelType;
  /** Whether clients that offer permessage-deflate get it (Netty's server handler, every message compressed). */
  private boolean deflate;

  /** Accepts permessage-deflate offers; answers "WIRE?" with the bytes this connection read and wrote on TCP. */
  public EchoServer deflate() {
    this.deflate = true;
    return this;
  }

  public EchoServer(int threads) {
    boolean epoll = Epoll.isAvailable();
    group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Listens on {@code host:port} (port 0 for a free one); returns the port. */
  public int bind(String host, int port) {
    listener = new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            ch.closeFuture().addListener(f -> children.remove(ch));
            WireBytes wire = new WireBytes();
            ch.pipeline().addLast(wire, new HttpServerCodec(), new HttpObjectAggregator(65536));
            if (deflate) {
              ch.pipeline().addLast(new WebSocketServerCompressionHandler(16 << 20));
            }
            // Netty's per-byte UTF-8 validator off: the server only echoes, and with it on, checking 64 KiB a
            // byte at a time made the server the limit for every client (all moved 0.97x-1.04x raw Netty's
            // messages at 64 KiB, whatever their own cost), so the benchmark measured the server.
            ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(16 << 20)
                    .decoderConfig(io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(16 << 20).allowExtensions(deflate).withUTF8Validator(false)
                        .build()).build()),
                new Echo(wire));
          }
        })
        .bind(host, port).syncUninterruptibly().channel();
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops listening and resets every connection, as a crash would. */
  public void stop() {
    listener.close().syncUninterruptibly();
    for (Channel c : children) {
      try {
        c.config().setOption(ChannelOption.SO_LINGER, 0);
      } catch (ChannelException closedMeanwhile) {
        continue; // its client closed it first: nothing left to reset
      }
      c.pipeline().firstContext().close();
    }
  }

  public int connections() {
    return children.size();
  }

  @Override
  public void close() {
    stop();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Counts the bytes a connection reads and writes on TCP, below every codec. */
  private static final class WireBytes extends io.netty.channel.ChannelDuplexHandler {
    long in;
    long out;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof io.netty.buffer.ByteBuf b) {
        in += b.readableBytes();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
      if (msg instanceof io.netty.buffer.ByteBuf b) {
        out += b.readableBytes();
      }
      ctx.write(msg, promise);
    }
  }

  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final WireBytes wire;

    Echo(WireBytes wire) {
      super(false);
      this.wire = wire;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame t && t.isFinalFragment() && t.content().readableBytes() == 5
          && t.text().equals("WIRE?")) {
        t.release();
        ctx.writeAndFlush(new TextWebSocketFrame("WIRE " + wire.in + " " + wire.out));
        return;
      }
      // Fragments are echoed as they come (the JDK client sends 64 KiB as 16 KiB fragments).
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
          || frame instanceof ContinuationWebSocketFrame) {
        ctx.write(frame);
      } else {
        frame.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** Runs a server in its own JVM: prints "PORT n", stops when stdin closes. */
  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    try (EchoServer server = new EchoServer(1)) {
      if (flags.contains("deflate")) {
        server.deflate();
      }
      int port = server.bind("127.0.0.1", 0);
      System.out.println("PORT " + port);
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the parent to close our stdin
      }
    }
  }
}
