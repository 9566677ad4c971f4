package io.wsnova.examples.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small WebSocket server for the examples and the demo, so that they run with no network:
 * <ul>
 *   <li>{@code /echo} echoes every message;</li>
 *   <li>{@code /ticker} is a simulated market-data feed: subscribe, ticks with sequence numbers, resume
 *       after a reconnect, errors for unknown symbols (see {@link TickerFeed}).</li>
 * </ul>
 * Pings are answered with pongs carrying the same payload. {@link #dropConnections()} cuts every
 * connection without a close frame, as a crashed server or a broken network would.
 */
public final class DemoServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  /** The client credentials the exchange dialect accepts. */
  public static final String EXCHANGE_CLIENT_ID = "demo-client";
  public static final String EXCHANGE_CLIENT_SECRET = "demo-secret";

  private final TickerFeed feed = new TickerFeed();
  /** Tokens live 3 s: the exchange example must refresh them, as with a real exchange. */
  private final ExchangeDialect exchange = new ExchangeDialect(EXCHANGE_CLIENT_ID, EXCHANGE_CLIENT_SECRET, 3000);
  private final Channel listener;

  private Channel bind(int port) {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            ch.closeFuture().addListener(f -> connections.remove(ch));
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/", null, true, 1 << 20, false, true),
                new DemoFrameHandler(feed, exchange));
          }
        })
        .bind("127.0.0.1", port)
        .syncUninterruptibly()
        .channel();
  }

  /** Starts on a free loopback port. */
  public static DemoServer start() {
    return start(0);
  }

  /**
   * Starts on {@code port} of the loopback address (0 for a free one).
   *
   * @throws IllegalStateException naming the port when it cannot bind
   */
  public static DemoServer start(int port) {
    try {
      return new DemoServer(port);
    } catch (Exception e) { // Netty rethrows the checked BindException unchecked
      throw new IllegalStateException("the demo server cannot listen on 127.0.0.1:" + port + ": " + e, e);
    }
  }

  private DemoServer(int port) {
    try {
      listener = bind(port);
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
    group.scheduleAtFixedRate(feed::publish, 50, 50, TimeUnit.MILLISECONDS);
    group.scheduleAtFixedRate(feed::heartbeat, 1, 1, TimeUnit.SECONDS);
    group.scheduleAtFixedRate(exchange::tick, 100, 100, TimeUnit.MILLISECONDS);
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The address of a path on this server, e.g. {@code uri("/ticker")}. */
  public URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + port() + path);
  }

  /** The ticker requests received so far, oldest first (for tests). */
  public java.util.concurrent.BlockingQueue<String> tickerRequests() {
    return feed.requests;
  }

  /** Requests the exchange dialect refused for their rate (error 10028), over all connections. */
  public long exchangeRateLimited() {
    return exchange.tooManyRequests.get();
  }

  /** Exchange connections closed because a heartbeat test request went unanswered. */
  public long exchangeMissedHeartbeats() {
    return exchange.missedHeartbeats.get();
  }

  /** Cuts every open connection with a TCP reset and no close frame; returns how many it cut. */
  public int dropConnections() {
    int dropped = 0;
    for (Channel c : connections) {
      c.config().setOption(ChannelOption.SO_LINGER, 0);
      // From the head of the pipeline: past the WebSocket handler, which would send a polite close frame.
      c.pipeline().firstContext().close();
      dropped++;
    }
    return dropped;
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    dropConnections();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
