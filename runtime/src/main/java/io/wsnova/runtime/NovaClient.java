package io.wsnova.runtime;

import io.wsnova.runtime.internal.NettyNovaClient;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections. One client owns one set of event-loop threads shared by all its
 * connections (the native transport where Netty has one, NIO elsewhere); create one per application and
 * close it at the end, which closes its connections and frees its threads.
 *
 * <pre>{@code
 * try (NovaClient client = NovaClient.create()) {
 *   Connection c = client.connect(new Ticker(), Options.builder().uri("wss://example.com/feed").build()).join();
 *   c.closeFuture().join();
 * }
 * }</pre>
 */
public interface NovaClient extends AutoCloseable {

  /** A client with one event-loop thread per core and default options. */
  static NovaClient create() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** {@link #connect(Object, Options)} with the client's default options. */
  CompletableFuture<Connection> connect(Object handler);

  /**
   * Starts a connection. {@code handler} is an object of a class with wsnova annotations (its generated
   * adapter is found by name), a generated adapter, or any {@link ConnectionHandler}.
   *
   * @return completes when the first upgrade succeeds; fails with the last error once the
   *     {@link ErrorHandler} gave up, or with {@link IllegalArgumentException} at once when the handler
   *     has no adapter
   */
  CompletableFuture<Connection> connect(Object handler, Options options);

  /** Closes every connection (1001, going away) and frees the threads; waits up to a few seconds. */
  @Override
  void close();

  /** Configures a {@link NovaClient}. */
  final class Builder {
    private int threads;
    private Options defaults = Options.defaults();
    private boolean preferNativeTransport = true;

    private Builder() {}

    /** Event-loop threads; 0 (the default) for one per available core. */
    public Builder threads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be >= 0, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The options {@link #connect(Object)} uses. */
    public Builder defaults(Options options) {
      this.defaults = java.util.Objects.requireNonNull(options, "options");
      return this;
    }

    /** Whether to use epoll where available (the default) rather than NIO. */
    public Builder preferNativeTransport(boolean preferNative) {
      this.preferNativeTransport = preferNative;
      return this;
    }

    public NovaClient build() {
      return new NettyNovaClient(threads, defaults, preferNativeTransport);
    }
  }
}
