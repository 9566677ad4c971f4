package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.NetUtil;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.TlsOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** The Netty engine behind {@link NovaClient}. */
public final class NettyNovaClient implements NovaClient {
  private final MultiThreadIoEventLoopGroup group;
  private final Transports transports;
  private final Options defaults;
  private final TlsContexts tls = new TlsContexts();
  /** Name lookups block, so they run here and never on an event loop. */
  private final ExecutorService resolver;
  private final Set<ManagedConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public NettyNovaClient(int threads, Options defaults, boolean preferNative) {
    this.transports = Transports.pick(preferNative);
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("wsnova-" + transports.name()),
        transports.ioHandlerFactory());
    this.resolver = Executors.newCachedThreadPool(new DefaultThreadFactory("wsnova-resolver", true));
  }

  @Override
  public CompletableFuture<Connection> connect(Object handler) {
    return connect(handler, defaults);
  }

  @Override
  public CompletableFuture<Connection> connect(Object handler, Options options) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
    }
    ManagedConnection c = new ManagedConnection(this, (EventLoop) group.next(), HandlerAdapters.adapt(handler), options);
    connections.add(c);
    return c.start();
  }

  CompletableFuture<InetAddress> resolve(String host) {
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal != null) {
      try {
        return CompletableFuture.completedFuture(InetAddress.getByAddress(host, literal));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, resolver);
  }

  SslContext tls(TlsOptions options) throws SSLException {
    return tls.get(options);
  }

  Transports transports() {
    return transports;
  }

  void remove(ManagedConnection c) {
    connections.remove(c);
  }

  @Override
  public void close() {
    for (io.netty.util.concurrent.EventExecutor loop : group) {
      if (loop.inEventLoop()) {
        // Closing waits for the connections' close handshakes, which need this very thread.
        throw new IllegalStateException("close the NovaClient from your own thread, not from a callback");
      }
    }
    if (closed) {
      return;
    }
    closed = true;
    List<CompletableFuture<?>> closing = new ArrayList<>();
    for (ManagedConnection c : connections) {
      closing.add(c.close(CloseCodes.GOING_AWAY, "client closed"));
    }
    try {
      CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Peers that do not answer the close in time are dropped by the shutdown below.
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    resolver.shutdownNow();
  }
}
