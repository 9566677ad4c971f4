package io.wsnova.runtime;

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

  /**
   * A client with default options and as many event-loop threads as Netty's default: twice the
   * available cores (override with {@link Builder#threads(int)}).
   */
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
   *     {@link ErrorHandler} gave up
   * @throws IllegalArgumentException at once, not through the future, when {@code handler} has no
   *     generated adapter (the message says why: processor not run, handler invalid, or not accessible)
   */
  CompletableFuture<Connection> connect(Object handler, Options options);

  /** The connections of this client that have not stopped, in the order they were made. */
  java.util.List<Connection> connections();

  /** Closes every connection (1001, going away) and frees the threads; waits up to a few seconds. */
  @Override
  void close();

  /**
   * What a client is built from; an engine ({@link NovaClientFactory}) reads it.
   *
   * @param threads event-loop threads, 0 for the engine's default
   * @param defaults the options {@link #connect(Object)} uses
   * @param preferNativeTransport whether to use the native transport where there is one
   * @param resolver turns host names into addresses
   * @param listener observes every connection
   * @param jsonMapper writes and reads JSON for {@code sendJson}, requests and generated decoders
   */
  record Settings(int threads, Options defaults, boolean preferNativeTransport, Resolver resolver,
      ConnectionListener listener, tools.jackson.databind.json.JsonMapper jsonMapper) {}

  /** Configures a {@link NovaClient}. */
  final class Builder {
    private int threads;
    private Options defaults = Options.defaults();
    private boolean preferNativeTransport = true;
    private Resolver resolver = Resolver.system();
    private tools.jackson.databind.json.JsonMapper jsonMapper = io.wsnova.runtime.adapter.JsonCodec.mapper();
    private final java.util.List<ConnectionListener> listeners = new java.util.ArrayList<>();

    private Builder() {}

    /** Event-loop threads; 0 (the default) for Netty's default, twice the available cores. */
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

    /** How host names become addresses; {@link Resolver#system()} by default. */
    public Builder resolver(Resolver resolver) {
      this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The Jackson mapper for this client's JSON: {@code sendJson}, requests and their answers, and the
     * decoders of generated adapters (they decode with the mapper of the client whose event loop calls
     * them). Start from {@code JsonCodec.mapper().rebuild()} to keep the default's leniency with unknown
     * fields, which live APIs add without notice.
     */
    public Builder jsonMapper(tools.jackson.databind.json.JsonMapper mapper) {
      this.jsonMapper = java.util.Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /** Adds a listener to every connection's events (metrics: see {@code wsnova-micrometer}). */
    public Builder listener(ConnectionListener listener) {
      this.listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds the client with the engine on the class path or module path (wsnova's Netty engine). */
    public NovaClient build() {
      return NovaClientFactory.load().create(new Settings(threads, defaults, preferNativeTransport, resolver,
          ConnectionListener.of(listeners), jsonMapper));
    }
  }
}
