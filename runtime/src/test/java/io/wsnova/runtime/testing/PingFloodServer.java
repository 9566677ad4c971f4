package io.wsnova.runtime.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server that answers the upgrade and then sends pings of 125 bytes as fast as its event loop can,
 * without ever reading (so the client's pongs pile up unread) and without waiting for the client: what
 * it cannot send queues in its own memory, which is the test's to spend, not the client's.
 */
public final class PingFloodServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  /** Bytes of pings handed to the socket so far. */
  public final AtomicLong sent = new AtomicLong();

  public PingFloodServer(long millis) throws InterruptedException {
    byte[] ping = HostileServer.frame(0x9, true, new byte[125]);
    ByteBuf burst = Unpooled.buffer(ping.length * 256);
    for (int i = 0; i < 256; i++) {
      burst.writeBytes(ping);
    }
    ByteBuf pings = Unpooled.unreleasableBuffer(burst.asReadOnly());
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.AUTO_READ, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
              private final StringBuilder request = new StringBuilder();

              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf in = (ByteBuf) msg;
                request.append(in.toString(StandardCharsets.ISO_8859_1));
                in.release();
                if (request.indexOf("\r\n\r\n") < 0) {
                  return;
                }
                ctx.channel().config().setAutoRead(false); // from now on, read nothing
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HostileServer.switching(request.toString(), "")));
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                flood(ctx, end);
              }

              private void flood(ChannelHandlerContext ctx, long end) {
                if (System.nanoTime() > end || !ctx.channel().isActive()) {
                  return;
                }
                // Only a few MiB at a time in the server's own buffer: enough to stay ahead of any client.
                if (ctx.channel().unsafe().outboundBuffer() == null
                    || ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes() < 4 << 20) {
                  for (int i = 0; i < 16; i++) {
                    ctx.write(pings.retainedDuplicate());
                    sent.addAndGet(pings.readableBytes());
                  }
                  ctx.flush();
                }
                ctx.executor().execute(() -> flood(ctx, end));
              }
            });
          }
        })
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
  }

  /**
   * Runs a flood server in this process, for a test in another: prints its port, floods every connection
   * for {@code args[0]} ms, and exits after {@code args[1]} ms.
   */
  public static void main(String[] args) throws Exception {
    try (PingFloodServer server = new PingFloodServer(Long.parseLong(args[0]))) {
      System.out.println(server.uri().getPort());
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }

  /** Starts {@link #main} in a JVM of its own, so that its memory is not counted as the client's; returns its port. */
  public static Process fork(long floodMillis, long lifeMillis, int[] port) throws Exception {
    Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PingFloodServer.class.getName(),
        String.valueOf(floodMillis), String.valueOf(lifeMillis))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
    port[0] = Integer.parseInt(line.trim());
    return p;
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
