package io.wsnova.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The connect options: given to {@link NovaClient#connect(Object, Options)}, passed to the init and
 * connection info callbacks, read with typed getters. Every limit and timeout has a finite default.
 */
public final class Options {
  /** 10 seconds: connect, TLS handshake and upgrade together. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** 4 MiB: the largest message (all fragments together) accepted or sent. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
  /**
   * 16 MiB: bytes waiting to be sent (queued sends and the socket's buffer, control frames included)
   * before sends fail with {@link SendException.Reason#BUFFER_FULL}. Large enough for 64 messages of
   * 64 KiB in flight to a peer that reads; a peer that does not read holds at most this much per
   * connection.
   */
  public static final int DEFAULT_OUTBOUND_BUFFER_LIMIT = 16 * 1024 * 1024;
  /** 2: pongs that may be missed in a row before the peer is presumed dead. */
  public static final int DEFAULT_MAX_MISSED_PONGS = 2;
  /** 5 seconds: how long a local close waits for the peer's close frame before dropping TCP. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /**
   * 10 seconds: a connection that lived shorter than this ended "short", and its disconnect counts as a
   * failure in a row (the backoff keeps growing); one that lived longer resets the count.
   */
  public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(10);
  /** 1 second: a callback that holds the event loop longer is logged at WARN (it held up every connection on it). */
  public static final Duration DEFAULT_SLOW_CALLBACK = Duration.ofSeconds(1);

  private static final Options DEFAULTS = new Builder().build();

  private final URI uri;
  /** {@link #uri} as connection info, made by the first connection that needs it and shared by the rest. */
  private ConnectionInfo uriInfo;
  private final Duration connectTimeout;
  private final Duration pingInterval;
  private final Duration pongTimeout;
  private final int maxMissedPongs;
  private final int maxMessageSize;
  private final int outboundBufferLimit;
  private final Duration closeTimeout;
  private final Duration stableAfter;
  private final Duration slowCallbackThreshold;
  private final String name;
  private final boolean logPayloads;
  private final Duration logSummaryInterval;
  private final RequestOptions requests;
  private final boolean requestsGiven;
  private final RateLimits rateLimits;
  private final NotReadyQueue notReadyQueue;
  private final ProxyOptions proxy;
  private final DeflateOptions permessageDeflate;
  private final ErrorHandler errorHandler;
  private final Map<String, Object> values;

  private Options(Builder b) {
    this.uri = b.uri;
    this.connectTimeout = positive("connectTimeout", b.connectTimeout);
    this.pingInterval = notNegative("pingInterval", b.pingInterval);
    this.pongTimeout = b.pongTimeout == null ? null : positive("pongTimeout", b.pongTimeout);
    this.maxMissedPongs = atLeast("maxMissedPongs", b.maxMissedPongs, 0);
    this.maxMessageSize = atLeast("maxMessageSize", b.maxMessageSize, 125);
    this.outboundBufferLimit = atLeast("outboundBufferLimit", b.outboundBufferLimit, 1024);
    this.closeTimeout = positive("closeTimeout", b.closeTimeout);
    this.stableAfter = notNegative("stableAfter", b.stableAfter);
    this.slowCallbackThreshold = positive("slowCallbackThreshold", b.slowCallbackThreshold);
    this.name = b.name == null || b.name.isBlank() ? null : b.name.strip();
    this.logPayloads = b.logPayloads;
    this.logSummaryInterval = positive("logSummaryInterval", b.logSummaryInterval);
    this.requests = b.requests == null ? RequestOptions.JSON_RPC : b.requests;
    this.requestsGiven = b.requests != null;
    this.rateLimits = b.rateLimits;
    this.notReadyQueue = b.notReadyQueue;
    this.proxy = b.proxy;
    this.permessageDeflate = b.permessageDeflate;
    this.errorHandler = Objects.requireNonNull(b.errorHandler, "errorHandler");
    this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
  }

  /** Every option at its default. */
  public static Options defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address to connect to when the handler supplies none. */
  public Optional<URI> uri() {
    return Optional.ofNullable(uri);
  }

  /**
   * The connection info of {@link #uri()}: made once, not per attempt, so that the connections of a fleet
   * that share these options share it too (it is immutable; a race makes two equal ones, and one wins).
   */
  ConnectionInfo uriConnectionInfo() {
    ConnectionInfo info = uriInfo;
    if (info == null) {
      info = ConnectionInfo.of(uri().orElseThrow(() -> new InvalidConnectionInfoException("uri", "is missing: give"
          + " Options.builder().uri(...), @WebSocketClient(uri = ...) or a connection info callback")));
      uriInfo = info;
    }
    return info;
  }

  /** How long connecting, TLS and the upgrade may take, unless the connection info says otherwise. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The heartbeat interval, unless the connection info says otherwise; zero for none (the default). */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** How long to wait for each pong; the ping interval unless set. */
  public Duration pongTimeout(Duration interval) {
    return pongTimeout != null ? pongTimeout : interval;
  }

  /** Pongs that may be missed in a row; one more and the connection closes with reason timeout. */
  public int maxMissedPongs() {
    return maxMissedPongs;
  }

  /** The largest message accepted or sent, in bytes, after reassembling fragments. */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** Bytes that may wait in the outbound buffer before sends fail. */
  public int outboundBufferLimit() {
    return outboundBufferLimit;
  }

  /** How long a local close waits for the peer's close frame. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /**
   * How long a connection must live to count as stable: a disconnect sooner counts as one more failure
   * in a row in {@link ErrorEvent#attempt()}, so a server that accepts and drops at once is backed off
   * from, not hammered.
   */
  public Duration stableAfter() {
    return stableAfter;
  }

  /** A callback (or a continuation of a future, on the event loop) that runs longer is logged at WARN. */
  public Duration slowCallbackThreshold() {
    return slowCallbackThreshold;
  }

  /** The connection's name in logs and metrics (beside its id, {@code ws-3}); the handler's class name if empty. */
  public java.util.Optional<String> name() {
    return java.util.Optional.ofNullable(name);
  }

  /** Whether TRACE lines show frame payloads (off: payloads may hold personal data or secrets). */
  public boolean logPayloads() {
    return logPayloads;
  }

  /**
   * A problem that repeats (a callback that throws on every frame) is logged in full three times, then
   * counted, and the count logged once per this interval (1 minute by default).
   */
  public Duration logSummaryInterval() {
    return logSummaryInterval;
  }

  /** How requests find their answers ({@link Connection#request}): JSON-RPC 2.0 by default. */
  public RequestOptions requests() {
    return requests;
  }

  /** Outbound rate limits, if any. */
  public java.util.Optional<RateLimits> rateLimits() {
    return java.util.Optional.ofNullable(rateLimits);
  }

  /** The queue for sends while not ready, if any (off: such sends fail at once with NOT_CONNECTED). */
  public java.util.Optional<NotReadyQueue> notReadyQueue() {
    return java.util.Optional.ofNullable(notReadyQueue);
  }

  /** The {@code permessage-deflate} offer; none by default (no compression). */
  public java.util.Optional<DeflateOptions> permessageDeflate() {
    return java.util.Optional.ofNullable(permessageDeflate);
  }

  /** The proxy every attempt goes through; none by default (not even the system's: ask with {@link ProxyOptions#system()}). */
  public java.util.Optional<ProxyOptions> proxy() {
    return java.util.Optional.ofNullable(proxy);
  }

  /** Whether {@link Builder#requests} was called: then these win over a handler class's defaults. */
  public boolean requestsGiven() {
    return requestsGiven;
  }

  /** Decides what happens after every disconnect and error. */
  public ErrorHandler errorHandler() {
    return errorHandler;
  }

  /** A value the user put in with {@link Builder#value(String, Object)}, or {@code defaultValue}. */
  public <T> T value(String name, Class<T> type, T defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : type.cast(v);
  }

  /** A builder holding these options, to change a few. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.uri = uri;
    b.connectTimeout = connectTimeout;
    b.pingInterval = pingInterval;
    b.pongTimeout = pongTimeout;
    b.maxMissedPongs = maxMissedPongs;
    b.maxMessageSize = maxMessageSize;
    b.outboundBufferLimit = outboundBufferLimit;
    b.closeTimeout = closeTimeout;
    b.stableAfter = stableAfter;
    b.slowCallbackThreshold = slowCallbackThreshold;
    b.name = name;
    b.logPayloads = logPayloads;
    b.logSummaryInterval = logSummaryInterval;
    b.requests = requestsGiven ? requests : null;
    b.rateLimits = rateLimits;
    b.notReadyQueue = notReadyQueue;
    b.proxy = proxy;
    b.permessageDeflate = permessageDeflate;
    b.errorHandler = errorHandler;
    b.values.putAll(values);
    return b;
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
    return d;
  }

  private static Duration notNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, was " + d);
    }
    return d;
  }

  private static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  /** Builds {@link Options}; every field starts at its default. */
  public static final class Builder {
    private URI uri;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration pingInterval = Duration.ZERO;
    private Duration pongTimeout;
    private int maxMissedPongs = DEFAULT_MAX_MISSED_PONGS;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int outboundBufferLimit = DEFAULT_OUTBOUND_BUFFER_LIMIT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration stableAfter = DEFAULT_STABLE_AFTER;
    private Duration slowCallbackThreshold = DEFAULT_SLOW_CALLBACK;
    private String name;
    private boolean logPayloads;
    private Duration logSummaryInterval = Duration.ofMinutes(1);
    private RequestOptions requests;
    private RateLimits rateLimits;
    private NotReadyQueue notReadyQueue;
    private ProxyOptions proxy;
    private DeflateOptions permessageDeflate;
    private ErrorHandler errorHandler = ErrorHandler.defaultHandler();
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    public Builder uri(URI uri) {
      this.uri = uri;
      return this;
    }

    public Builder uri(String uri) {
      return uri(ConnectionInfo.parse(uri));
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder pongTimeout(Duration timeout) {
      this.pongTimeout = timeout;
      return this;
    }

    public Builder maxMissedPongs(int missed) {
      this.maxMissedPongs = missed;
      return this;
    }

    public Builder maxMessageSize(int bytes) {
      this.maxMessageSize = bytes;
      return this;
    }

    public Builder outboundBufferLimit(int bytes) {
      this.outboundBufferLimit = bytes;
      return this;
    }

    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout;
      return this;
    }

    /** See {@link Options#stableAfter()}; zero makes every disconnect reset the count. */
    public Builder stableAfter(Duration stableAfter) {
      this.stableAfter = stableAfter;
      return this;
    }

    /** See {@link Options#slowCallbackThreshold()}. */
    public Builder slowCallbackThreshold(Duration threshold) {
      this.slowCallbackThreshold = threshold;
      return this;
    }

    /** See {@link Options#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** See {@link Options#logPayloads()}. */
    public Builder logPayloads(boolean logPayloads) {
      this.logPayloads = logPayloads;
      return this;
    }

    /** See {@link Options#logSummaryInterval()}. */
    public Builder logSummaryInterval(Duration interval) {
      this.logSummaryInterval = interval;
      return this;
    }

    /** See {@link Options#requests()}. */
    public Builder requests(RequestOptions requests) {
      this.requests = Objects.requireNonNull(requests, "requests");
      return this;
    }

    /** See {@link Options#rateLimits()}. */
    public Builder rateLimits(RateLimits limits) {
      this.rateLimits = limits;
      return this;
    }

    /** Offer {@code permessage-deflate} with these parameters; {@code null} (the default) offers no compression. */
    public Builder permessageDeflate(DeflateOptions deflate) {
      this.permessageDeflate = deflate;
      return this;
    }

    /** See {@link Options#proxy()}; {@code null} for none. */
    public Builder proxy(ProxyOptions proxy) {
      this.proxy = proxy;
      return this;
    }

    /** See {@link Options#notReadyQueue()}. */
    public Builder notReadyQueue(NotReadyQueue queue) {
      this.notReadyQueue = queue;
      return this;
    }

    public Builder errorHandler(ErrorHandler handler) {
      this.errorHandler = handler;
      return this;
    }

    /** Any value of the user's, read back in callbacks with {@link Options#value(String, Class, Object)}. */
    public Builder value(String name, Object value) {
      this.values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Options build() {
      return new Options(this);
    }
  }
}
