package io.wsnova.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
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
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(16 << 20).build()),
                new Echo());
          }
        })
        .bind(host, port).syncUninterruptibly().channel();
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops listening and resets every connection, as a crash would. */
  public void stop() {
    listener.close().syncUninterruptibly();
    for (Channel c : children) {
      c.config().setOption(ChannelOption.SO_LINGER, 0);
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

  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    Echo() {
      super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
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
    try (EchoServer server = new EchoServer(1)) {
      int port = server.bind(args.length > 0 ? args[0] : "127.0.0.1", 0);
      System.out.println("PORT " + port);
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the parent to close our stdin
      }
    }
  }
}
