package io.wsnova.test;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted WebSocket server on a loopback port, for integration tests of the real client (in the spirit
 * of OkHttp's MockWebServer): enqueue what it sends after an upgrade, take what the client sent, send,
 * close with a code, drop the TCP connection, refuse the next upgrade with a status, stop answering pings.
 * Methods that act on "the connection" act on the newest open one.
 *
 * <pre>{@code
 * try (MockWebSocketServer server = MockWebSocketServer.start()) {
 *   server.enqueueText("{\"type\":\"welcome\"}");
 *   client.connect(handler, Options.builder().uri(server.uri("/feed")).build());
 *   assertThat(server.takeText()).isEqualTo("{\"op\":\"subscribe\"}");
 *   server.close(1001, "going away");
 * }
 * }</pre>
 *
 * <p>Pings are answered with pongs of the same payload unless {@link #answerPings(boolean)} says not;
 * close frames are echoed and the connection closed, as RFC 6455 asks. Thread-safe.
 */
public final class MockWebSocketServer implements AutoCloseable {
  /** How long the {@code take} methods wait by default. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  /** The HTTP request of an upgrade: its path (with query) and headers. */
  public record UpgradeRequest(String uri, Map<String, String> headers) {
    /** A header's value, by case-insensitive name, or null. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel listener;
  private final List<Channel> open = new CopyOnWriteArrayList<>();
  private final Queue<Frame> script = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> refusals = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<UpgradeRequest> upgrades = new LinkedBlockingQueue<>();
  private volatile boolean answerPings = true;
  private volatile int maxFrameSize = 1 << 20;

  private MockWebSocketServer() {
    listener = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Upgrade());
          }
        })
        .bind("127.0.0.1", 0)
        .syncUninterruptibly()
        .channel();
  }

  /** Starts on a free loopback port. */
  public static MockWebSocketServer start() {
    return new MockWebSocketServer();
  }

  /** {@code ws://127.0.0.1:<port>/}. */
  public URI uri() {
    return uri("/");
  }

  /** The address of {@code path} on this server, e.g. {@code uri("/feed?x=1")}. */
  public URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort()
        + (path.startsWith("/") ? path : "/" + path));
  }

  // ---------------------------------------------------------------- scripting

  /** Sent, in order, to the next connection as soon as it is upgraded. */
  public MockWebSocketServer enqueue(Frame frame) {
    script.add(frame);
    return this;
  }

  /** {@link #enqueue} of a text frame. */
  public MockWebSocketServer enqueueText(String text) {
    return enqueue(Frame.text(text));
  }

  /** The next upgrade is refused with this HTTP status (e.g. 401, 503); later ones succeed again. */
  public MockWebSocketServer refuseNextUpgrade(int status) {
    refusals.add(status);
    return this;
  }

  /** Whether pings get pongs (true at first); false plays a peer that stopped answering. */
  public MockWebSocketServer answerPings(boolean answer) {
    answerPings = answer;
    return this;
  }

  /** The largest frame accepted from the client (1 MiB at first); a larger one closes with 1009. */
  public MockWebSocketServer maxFrameSize(int bytes) {
    maxFrameSize = bytes;
    return this;
  }

  // ---------------------------------------------------------------- acting on the newest connection

  /** Sends a text message on the connection. */
  public void sendText(String text) {
    send(Frame.text(text));
  }

  /** Sends a frame (text, binary, ping, pong or close) on the connection. */
  public void send(Frame frame) {
    Channel ch = newest();
    ch.writeAndFlush(toNetty(frame)).syncUninterruptibly();
  }

  /** Starts a closing handshake with {@code code} and {@code reason}; the client's answer closes the TCP connection. */
  public void close(int code, String reason) {
    send(Frame.close(code, reason));
  }

  /** Drops the TCP connection without a close frame, as a crash or a broken network would. */
  public void dropConnection() {
    Channel ch = newest();
    ch.config().setOption(ChannelOption.SO_LINGER, 0); // a reset, not an orderly FIN
    ch.close().syncUninterruptibly();
  }

  private Channel newest() {
    for (int i = open.size() - 1; i >= 0; i--) {
      if (open.get(i).isActive()) {
        return open.get(i);
      }
    }
    throw new IllegalStateException("no client is connected");
  }

  // ---------------------------------------------------------------- what the client did

  /** The next data or close frame the client sent, waiting up to {@link #DEFAULT_WAIT}. */
  public Frame takeFrame() {
    return takeFrame(DEFAULT_WAIT);
  }

  /** The next data or close frame the client sent, waiting up to {@code wait}; fails the test when none comes. */
  public Frame takeFrame(Duration wait) {
    return take(received, wait, "a frame from the client");
  }

  /** The next frame the client sent, which must be a text message. */
  public String takeText() {
    Frame f = takeFrame();
    if (f.type() != FrameType.TEXT) {
      throw new AssertionError("expected a text message from the client, got " + f);
    }
    return f.text();
  }

  /** The next upgrade request, waiting up to {@link #DEFAULT_WAIT}. */
  public UpgradeRequest takeUpgrade() {
    return take(upgrades, DEFAULT_WAIT, "an upgrade request");
  }

  /** Frames received and not taken yet. */
  public List<Frame> receivedFrames() {
    return new ArrayList<>(received);
  }

  /** Connections upgraded so far, open or not. */
  public int connectionCount() {
    return open.size();
  }

  /** Waits until {@code count} connections have been upgraded; fails the test when they are not in time. */
  public void awaitConnections(int count, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (open.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " connections within " + wait + ", saw " + open.size());
      }
      sleep();
    }
  }

  private static <T> T take(BlockingQueue<T> queue, Duration wait, String what) {
    try {
      T next = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("expected " + what + " within " + wait + ", none came");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    open.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  // ---------------------------------------------------------------- the server's pipeline

  /** Answers the HTTP upgrade (or refuses it), then plays the WebSocket side. */
  private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
      upgrades.add(new UpgradeRequest(request.uri(), headers));
      Integer refusal = refusals.poll();
      if (refusal != null) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(refusal), Unpooled.copiedBuffer("refused by the script", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
          "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(),
          request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL),
          WebSocketDecoderConfig.newBuilder().allowExtensions(false).maxFramePayloadLength(maxFrameSize).build())
          .newHandshaker(request);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return;
      }
      Channel ch = ctx.channel();
      handshaker.handshake(ch, request).addListener(f -> {
        if (!f.isSuccess()) {
          return;
        }
        ctx.pipeline().replace(this, "script", new Script());
        open.add(ch);
        for (Frame frame = script.poll(); frame != null; frame = script.poll()) {
          ch.write(toNetty(frame));
        }
        ch.flush();
      });
    }
  }

  /** Records what the client sends, answers pings and closes. */
  private final class Script extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof PingWebSocketFrame) {
        if (answerPings) {
          ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
      } else if (frame instanceof CloseWebSocketFrame close) {
        received.add(Frame.close(close.statusCode(), close.reasonText()));
        ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
      } else if (frame instanceof TextWebSocketFrame text) {
        received.add(Frame.text(text.text()));
      } else if (frame instanceof BinaryWebSocketFrame binary) {
        byte[] bytes = new byte[binary.content().readableBytes()];
        binary.content().getBytes(binary.content().readerIndex(), bytes);
        received.add(Frame.binary(bytes));
      }
    }
  }

  private static WebSocketFrame toNetty(Frame frame) {
    return switch (frame.type()) {
      case TEXT -> new TextWebSocketFrame(frame.text());
      case BINARY -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
      case PING -> new PingWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
      case PONG -> new PongWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
      case CLOSE -> new CloseWebSocketFrame(frame.closeCode(), frame.closeReason());
    };
  }
}
