package io.wsnova.runtime.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process proxy for tests: an HTTP proxy that opens {@code CONNECT} tunnels (basic authentication
 * when it has credentials) or a SOCKS5 proxy (username/password when it has credentials). It records
 * each target it was asked for, and counts the tunnels it opened.
 */
public final class TestProxy implements AutoCloseable {
  /** The targets asked for, as {@code host:port}, in order. */
  public final BlockingQueue<String> targets = new LinkedBlockingQueue<>();
  /** Tunnels opened: the proxy connected to the target and told the client so. */
  public final AtomicInteger tunnels = new AtomicInteger();

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final String username;
  private final String password;
  private final Channel server;

  private TestProxy(boolean socks, String username, String password) {
    this.username = username;
    this.password = password;
    this.server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (socks) {
              ch.pipeline().addLast("socks-decoder", new Socks5InitialRequestDecoder());
              ch.pipeline().addLast("socks-encoder", Socks5ServerEncoder.DEFAULT);
              ch.pipeline().addLast("socks", new SocksHandler());
            } else {
              ch.pipeline().addLast("http", new HttpServerCodec());
              ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(8192));
              ch.pipeline().addLast("connect", new ConnectHandler());
            }
          }
        })
        .bind("127.0.0.1", 0)
        .syncUninterruptibly()
        .channel();
  }

  /** An HTTP proxy; {@code username} {@code null} for one that asks for no credentials. */
  public static TestProxy http(String username, String password) {
    return new TestProxy(false, username, password);
  }

  /** A SOCKS5 proxy; {@code username} {@code null} for one that asks for no credentials. */
  public static TestProxy socks5(String username, String password) {
    return new TestProxy(true, username, password);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Connects to the target for {@code client}; {@code then} gets the outbound channel, or null if it failed. */
  private void dial(Channel client, String host, int port, java.util.function.Consumer<Channel> then) {
    targets.add(host + ":" + port);
    client.config().setAutoRead(false); // nothing more from the client until the tunnel stands
    new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
        .handler(new Relay(client))
        .connect(host, port)
        .addListener((ChannelFutureListener) f -> then.accept(f.isSuccess() ? f.channel() : null));
  }

  private void open(ChannelHandlerContext ctx, Channel target) {
    tunnels.incrementAndGet();
    ctx.pipeline().addLast(new Relay(target));
    ctx.channel().config().setAutoRead(true);
  }

  private final class ConnectHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (!HttpMethod.CONNECT.equals(request.method())) {
        answer(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (username != null) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
            (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION))) {
          DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
              HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED);
          r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"test\"");
          r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
          ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      String authority = request.uri();
      int colon = authority.lastIndexOf(':');
      dial(ctx.channel(), authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)), target -> {
        if (target == null) {
          answer(ctx, HttpResponseStatus.BAD_GATEWAY).addListener(ChannelFutureListener.CLOSE);
          return;
        }
        answer(ctx, HttpResponseStatus.OK).addListener(f -> {
          ctx.pipeline().remove("http");
          ctx.pipeline().remove("http-aggregator");
          ctx.pipeline().remove(this);
          open(ctx, target);
        });
      });
    }

    private ChannelFuture answer(ChannelHandlerContext ctx, HttpResponseStatus status) {
      DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      return ctx.writeAndFlush(r);
    }
  }

  private final class SocksHandler extends SimpleChannelInboundHandler<Socks5Message> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Socks5Message message) {
      if (message instanceof Socks5InitialRequest initial) {
        Socks5AuthMethod wanted = username == null ? Socks5AuthMethod.NO_AUTH : Socks5AuthMethod.PASSWORD;
        if (!initial.authMethods().contains(wanted)) {
          ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
        ctx.pipeline().replace("socks-decoder", "socks-decoder", username == null
            ? new Socks5CommandRequestDecoder() : new Socks5PasswordAuthRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(wanted));
      } else if (message instanceof Socks5PasswordAuthRequest auth) {
        if (!username.equals(auth.username()) || !password.equals(auth.password())) {
          ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
        ctx.pipeline().replace("socks-decoder", "socks-decoder", new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
      } else if (message instanceof Socks5CommandRequest command && Socks5CommandType.CONNECT.equals(command.type())) {
        dial(ctx.channel(), command.dstAddr(), command.dstPort(), target -> {
          if (target == null) {
            ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.HOST_UNREACHABLE,
                Socks5AddressType.IPv4)).addListener(ChannelFutureListener.CLOSE);
            return;
          }
          ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4,
              "127.0.0.1", 0)).addListener(f -> {
                ctx.pipeline().remove("socks-decoder");
                ctx.pipeline().remove("socks-encoder");
                ctx.pipeline().remove(this);
                open(ctx, target);
              });
        });
      } else {
        ctx.close();
      }
    }
  }

  /** Copies what one side reads to the other; closes the other when one side closes. */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel other;

    Relay(Channel other) {
      this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      other.writeAndFlush(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
