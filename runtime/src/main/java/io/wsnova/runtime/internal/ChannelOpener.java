package io.wsnova.runtime.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Transport;
import java.net.InetSocketAddress;

/**
 * Opens the channel of one attempt: TCP with the options' limits, TLS where asked, and the HTTP upgrade
 * pipeline. The pipeline is the diagram: {@code [proxy ->] tls -> http -> upgrade-check -> http-aggregator ->
 * upgrade}, and after the upgrade {@code ws-encoder -> ws-decoder}, the decoder being the frame dispatcher,
 * or with permessage-deflate {@code ws-encoder -> ws-decoder -> deflate-decoder/encoder -> ws-dispatcher}.
 */
final class ChannelOpener {
  /** The water mark of the default outbound limit, shared by the connections that keep it. */
  private static final WriteBufferWaterMark DEFAULT_WATER_MARK = waterMark(Options.DEFAULT_OUTBOUND_BUFFER_LIMIT);

  private final NettyNovaClient client;
  private final EventLoop loop;
  private final Options options;
  private final DeflateOptions deflate;
  private final WriteBufferWaterMark waterMark;

  /** {@code deflate}: the permessage-deflate offer to make, or null for none. */
  ChannelOpener(NettyNovaClient client, EventLoop loop, Options options, DeflateOptions deflate) {
    this.deflate = deflate;
    this.client = client;
    this.loop = loop;
    this.options = options;
    this.waterMark = options.outboundBufferLimit() == Options.DEFAULT_OUTBOUND_BUFFER_LIMIT ? DEFAULT_WATER_MARK
        : waterMark(options.outboundBufferLimit());
  }

  /** The socket buffer's marks: unwritable at the outbound limit, writable again at half of it. */
  private static WriteBufferWaterMark waterMark(int outboundBufferLimit) {
    return new WriteBufferWaterMark(outboundBufferLimit / 2, outboundBufferLimit);
  }

  /**
   * Connects {@code a} to {@code address} (the server's, or the proxy's when the attempt has one); what
   * happens after the connect reaches {@code connection}. No TCP timeout here: the caller keeps the time.
   */
  ChannelFuture open(ManagedConnection connection, Attempt a, InetSocketAddress address) throws Exception {
    ConnectionInfo i = a.info;
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    i.headers().forEach(headers::add);
    String protocols = i.subprotocols().isEmpty() ? null : String.join(",", i.subprotocols());
    String offer = deflate == null ? null : PerMessageDeflate.offer(deflate);
    ClientHandshaker handshaker = new ClientHandshaker(i.uri(), protocols, headers, options.maxMessageSize(), offer);
    SslHandler ssl = null;
    if (i.transport() == Transport.TLS) {
      String peerName = i.tls().sniHostName() != null ? i.tls().sniHostName() : i.host();
      ssl = client.tls(i.tls()).newHandler(ByteBufAllocator.DEFAULT, peerName, i.port());
      // The attempt's own timeout covers the handshake, as it covers TCP and the upgrade; Netty's separate
      // 10 s default would cut a slow handshake short and look like a certificate failure.
      ssl.setHandshakeTimeoutMillis(0);
    }
    SslHandler tls = ssl;
    ProxyHandler proxy = a.proxy == null ? null : a.proxy.handler(address);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(client.transports().channelType())
        .option(ChannelOption.TCP_NODELAY, true)
        // 0: Netty's connect timer would stay on the channel for its life; the AddressDialer keeps the time.
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
        .option(ChannelOption.RCVBUF_ALLOCATOR, ReceiveSizes.INSTANCE) // one read per wake-up; see there
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (proxy != null) {
              // First: it holds back TLS and the upgrade until the tunnel stands, then steps aside.
              ch.pipeline().addLast("proxy", proxy);
            }
            if (tls != null) {
              ch.pipeline().addLast("tls", tls);
            }
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("upgrade-check", new UpgradeResponseCheck(connection, a, deflate));
            ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
            ch.pipeline().addLast("upgrade", new UpgradeHandler(connection, a, handshaker, options, deflate));
          }
        });
    if (proxy == null) {
      return bootstrap.connect(address);
    }
    // The proxy handler connects to the proxy and asks it for the server by name: no lookup here.
    bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
    return bootstrap.connect(InetSocketAddress.createUnresolved(a.info.host(), a.info.port()));
  }
}
