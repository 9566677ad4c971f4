package io.wsnova.runtime.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process WebSocket server on a random loopback port, whose behaviour is chosen by the request path:
 * <ul>
 *   <li>{@code /echo}: echoes text and binary messages; answers pings; echoes close frames;</li>
 *   <li>{@code /raw/HEX}: after the upgrade writes the bytes HEX straight to the socket (malformed frames);</li>
 *   <li>{@code /close/CODE}: after the upgrade closes with CODE and reason "bye";</li>
 *   <li>{@code /reject/STATUS}: answers the upgrade with STATUS;</li>
 *   <li>{@code /stall}: upgrades, then stops reading;</li>
 *   <li>{@code /nopong}: echoes, but never answers pings;</li>
 *   <li>{@code /ping}: after the upgrade sends a ping "are you there" (the pong is recorded);</li>
 *   <li>{@code /fragments}: after the upgrade sends "fragmented message" as three fragments with a ping
 *       between them;</li>
 *   <li>{@code /rpc}: a JSON-RPC 2.0 server (see {@link Rpc}), which also pushes a notification for every
 *       {@code notify} request.</li>
 * </ul>
 * It records what it receives so tests can assert the client's side of the protocol.
 */
public final class TestServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final SslContext tls;
  private final List<Channel> clients = new CopyOnWriteArrayList<>();
  private Channel server;
  private int port;

  /** Close codes of close frames the server received, in order. */
  public final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
  /** Pong payloads the server received. */
  public final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
  /** Text messages the server received. */
  public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  /** Upgrade requests' headers, by request. */
  public final BlockingQueue<Map<String, String>> upgradeHeaders = new LinkedBlockingQueue<>();
  public final AtomicInteger upgrades = new AtomicInteger();

  private TestServer(SslContext tls) {
    this.tls = tls;
  }

  public static TestServer start() {
    return start(null, 0);
  }

  /** Starts on {@code port} (0 for a free one), with TLS when {@code tls} is not null. */
  public static TestServer start(SslContext tls, int port) {
    TestServer s = new TestServer(tls);
    s.bind(port);
    return s;
  }

  private void bind(int wanted) {
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true) // restart() binds the same port again
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.closeFuture().addListener(f -> clients.remove(ch));
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new UpgradeHandler());
          }
        })
        .bind("127.0.0.1", wanted)
        .syncUninterruptibly()
        .channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Waits up to 10 s for a close frame with {@code code}, skipping others (closes of earlier tests on the
   * shared server may arrive late); returns the code seen, or the last other code, or -1 for none.
   */
  public int awaitCloseCode(int code) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    int last = -1;
    while (System.nanoTime() < deadline) {
      Integer c = closeCodes.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (c != null && c == code) {
        return c;
      }
      if (c != null) {
        last = c;
      }
    }
    return last;
  }

  public int port() {
    return port;
  }

  public URI uri(String path) {
    return URI.create((tls != null ? "wss" : "ws") + "://127.0.0.1:" + port + path);
  }

  /** Stops listening and drops every client without a close frame, as a crashed server would. */
  public void stop() {
    server.close().syncUninterruptibly();
    for (Channel c : clients) {
      // Reset rather than close: no TIME_WAIT on the server's port, so restart() can bind it again.
      c.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
      c.close().syncUninterruptibly();
    }
  }

  /** Listens again on the same port. */
  public void restart() {
    bind(port);
  }

  @Override
  public void close() {
    stop();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = req.uri();
      Map<String, String> headers = new ConcurrentHashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
      upgradeHeaders.add(headers);
      if (path.startsWith("/reject/")) {
        int status = Integer.parseInt(path.substring("/reject/".length()));
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(
          uri(path).toString(), "chat,json", false, 16 * 1024 * 1024).newHandshaker(req);
      hs.handshake(ctx.channel(), req).addListener(f -> {
        if (!f.isSuccess()) {
          ctx.close();
          return;
        }
        upgrades.incrementAndGet();
        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(16 * 1024 * 1024));
        ctx.pipeline().replace(this, "ws-server", new FrameHandler(path));
        afterUpgrade(ctx.channel(), path);
      });
    }
  }

  private void afterUpgrade(Channel ch, String path) {
    if (path.startsWith("/raw/")) {
      ByteBuf raw = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(path.substring("/raw/".length())));
      ch.pipeline().firstContext().writeAndFlush(raw);
    } else if (path.startsWith("/close/")) {
      ch.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(path.substring("/close/".length())), "bye"));
    } else if (path.equals("/stall")) {
      ch.config().setAutoRead(false);
    } else if (path.equals("/ping")) {
      ch.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));
    } else if (path.equals("/fragments")) {
      ch.write(new TextWebSocketFrame(false, 0, "fragm"));
      ch.write(new PingWebSocketFrame(Unpooled.copiedBuffer("mid", StandardCharsets.UTF_8)));
      ch.write(new ContinuationWebSocketFrame(false, 0, "ented mes"));
      ch.writeAndFlush(new ContinuationWebSocketFrame(true, 0, "sage"));
    }
  }

  private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final String path;

    FrameHandler(String path) {
      this.path = path;
    }

    private final Rpc rpc = new Rpc();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text && path.equals("/rpc")) {
        texts.add(text.text());
        rpc.handle(ctx, text.text());
      } else if (frame instanceof TextWebSocketFrame text) {
        texts.add(text.text());
        ctx.writeAndFlush(new TextWebSocketFrame(text.content().retain()));
      } else if (frame instanceof BinaryWebSocketFrame) {
        ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof PingWebSocketFrame) {
        if (!path.equals("/nopong")) {
          ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
      } else if (frame instanceof PongWebSocketFrame) {
        pongs.add(frame.content().toString(StandardCharsets.UTF_8));
      } else if (frame instanceof CloseWebSocketFrame close) {
        closeCodes.add(close.statusCode());
        ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() == -1 ? 1000 : close.statusCode(), ""))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }


  /**
   * JSON-RPC 2.0 by method: {@code echo} answers {@code params} at once; {@code fail} answers error
   * {@code params.code} "refused" with data; {@code hold} keeps its answer until {@code params.count}
   * requests are held, then answers them all in reverse order; {@code slow} answers after
   * {@code params.ms}; {@code never} never answers; {@code drop} closes the TCP connection; {@code notify}
   * answers, then pushes {@code {"method":"subscription","params":...}} without an id.
   */
  static final class Rpc {
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
        .build();
    private final java.util.List<tools.jackson.databind.node.ObjectNode> held = new java.util.ArrayList<>();

    void handle(ChannelHandlerContext ctx, String text) {
      tools.jackson.databind.JsonNode req = JSON.readTree(text);
      tools.jackson.databind.JsonNode id = req.get("id");
      tools.jackson.databind.JsonNode params = req.path("params");
      tools.jackson.databind.node.ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
      answer.set("id", id);
      switch (req.path("method").asString("")) {
        case "echo" -> answer.set("result", params);
        case "fail" -> answer.putObject("error").put("code", params.path("code").asLong(13009))
            .put("message", "refused").putObject("data").put("why", "test");
        case "hold" -> {
          answer.set("result", params);
          held.add(answer);
          if (held.size() >= params.path("count").asInt()) {
            for (int i = held.size() - 1; i >= 0; i--) {
              ctx.write(new TextWebSocketFrame(held.get(i).toString()));
            }
            held.clear();
            ctx.flush();
          }
          return;
        }
        case "slow" -> {
          answer.set("result", params);
          ctx.executor().schedule(() -> ctx.writeAndFlush(new TextWebSocketFrame(answer.toString())),
              params.path("ms").asLong(), java.util.concurrent.TimeUnit.MILLISECONDS);
          return;
        }
        case "never" -> {
          return;
        }
        case "drop" -> {
          ctx.close();
          return;
        }
        case "notify" -> {
          answer.put("result", "ok");
          ctx.write(new TextWebSocketFrame(answer.toString()));
          tools.jackson.databind.node.ObjectNode push = JSON.createObjectNode().put("jsonrpc", "2.0")
              .put("method", "subscription");
          push.set("params", params);
          ctx.writeAndFlush(new TextWebSocketFrame(push.toString()));
          return;
        }
        default -> answer.putObject("error").put("code", -32601).put("message", "method not found");
      }
      ctx.writeAndFlush(new TextWebSocketFrame(answer.toString()));
    }
  }
}
