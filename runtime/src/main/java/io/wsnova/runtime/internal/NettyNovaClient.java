package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wsnova.runtime.adapter.JsonCodec;
import tools.jackson.databind.json.JsonMapper;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.adapter.HandlerAdapters;
import io.wsnova.runtime.ConnectionListener;
import io.wsnova.runtime.Resolver;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** The Netty engine behind {@link NovaClient}; built by {@link NettyClientFactory}. */
final class NettyNovaClient implements NovaClient {
  /** Lookups in flight at once, and waiting: enough for a reconnect storm, bounded against a runaway. */
  private static final int RESOLVER_THREADS = 4;
  private static final int RESOLVER_QUEUE = 4096;

  private final MultiThreadIoEventLoopGroup group;
  private final Transports transports;
  private final Options defaults;
  private final TlsContexts tls = new TlsContexts();
  /** Name lookups block, so they run here, a bounded pool, never on an event loop. */
  private final ExecutorService resolverPool;
  private final Resolver resolver;
  private static final Logger LOG = LoggerFactory.getLogger(NettyNovaClient.class);

  private final Set<ManagedConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private final ConnectionListener listener;
  private final JsonMapper jsonMapper;
  private volatile boolean closed;

  NettyNovaClient(NovaClient.Settings settings) {
    this.transports = Transports.pick(settings.preferNativeTransport());
    this.defaults = Objects.requireNonNull(settings.defaults(), "defaults");
    this.resolver = Objects.requireNonNull(settings.resolver(), "resolver");
    this.listener = Objects.requireNonNull(settings.listener(), "listener");
    this.jsonMapper = Objects.requireNonNull(settings.jsonMapper(), "jsonMapper");
    JsonMapper mapper = jsonMapper;
    this.group = new MultiThreadIoEventLoopGroup(settings.threads(), new DefaultThreadFactory("wsnova-" + transports.name()) {
      @Override
      public Thread newThread(Runnable r) {
        // The loop's whole life runs with this client's mapper: generated decoders find it there.
        return super.newThread(() -> JsonCodec.runWith(mapper, r));
      }
    }, transports.ioHandlerFactory());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(RESOLVER_THREADS, RESOLVER_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(RESOLVER_QUEUE), new DefaultThreadFactory("wsnova-resolver", true));
    pool.allowCoreThreadTimeOut(true);
    this.resolverPool = pool;
    LOG.debug("wsnova client started: {} transport, {} event loop threads", transports.name(),
        group.executorCount());
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
    ConnectionHandler adapter = HandlerAdapters.adapt(handler);
    ManagedConnection c = new ManagedConnection(this, (EventLoop) group.next(), adapter, options,
        ids.incrementAndGet(), listener);
    connections.add(c);
    return c.start();
  }

  @Override
  public List<Connection> connections() {
    List<ManagedConnection> live = new ArrayList<>(connections);
    live.sort(java.util.Comparator.comparingInt(ManagedConnection::serial));
    return List.copyOf(live);
  }

  /** This client's JSON mapper. */
  JsonMapper jsonMapper() {
    return jsonMapper;
  }

  /** The addresses to try for {@code host}, in order; a literal address needs no lookup. */
  CompletableFuture<List<InetAddress>> resolve(String host) {
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal != null) {
      try {
        return CompletableFuture.completedFuture(List.of(InetAddress.getByAddress(host, literal)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          List<InetAddress> addresses = resolver.resolve(host);
          if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host + ": the resolver found no address");
          }
          return addresses;
        } catch (UnknownHostException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, resolverPool);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new UnknownHostException(host + ": " + RESOLVER_QUEUE
          + " lookups are already waiting (is the name service down?)"));
    }
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller asked to stop waiting: shut down at once, and say so
    } catch (ExecutionException | TimeoutException e) {
      // Peers that do not answer the close in time are dropped by the shutdown below.
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    resolverPool.shutdownNow();
  }
}
