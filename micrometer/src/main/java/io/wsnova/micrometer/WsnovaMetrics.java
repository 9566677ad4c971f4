package io.wsnova.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.wsnova.runtime.Callback;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ConnectionListener;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.SendException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * wsnova's connection events as Micrometer meters. Bind it when building the client:
 *
 * <pre>{@code
 * NovaClient client = NovaClient.builder().listener(new WsnovaMetrics(registry)).build();
 * }</pre>
 *
 * <p>Meters (names follow Micrometer's conventions; every one is tagged {@code connection} with the
 * connection's name and {@code host} with the server it talks to):
 * <ul>
 *   <li>{@code wsnova.connection.attempts}, {@code wsnova.connection.attempt.failures} ({@code exception}),
 *       {@code wsnova.connection.connects}, {@code wsnova.connection.disconnects} ({@code reason}),
 *       {@code wsnova.connection.decisions} ({@code outcome}: reconnect, stop, ok): counters;</li>
 *   <li>{@code wsnova.messages.received}, {@code wsnova.messages.sent} ({@code type}): counters;
 *       {@code wsnova.bytes.received}, {@code wsnova.bytes.sent} ({@code type}): counters in bytes;</li>
 *   <li>{@code wsnova.send.failures} ({@code reason}), {@code wsnova.callback.failures} ({@code callback}):
 *       counters;</li>
 *   <li>{@code wsnova.callback.duration} ({@code callback}): every call's count and total time;
 *       {@code wsnova.callback.duration.sampled}: the 50th, 95th and 99th percentiles, from every 16th call
 *       and every call over 1 ms; {@code wsnova.ping.round.trip}: a timer with those percentiles;</li>
 *   <li>{@code wsnova.connections.open} (no tags): a gauge of the connections open now;
 *       {@code wsnova.outbound.buffered}: a gauge of the bytes waiting to be sent, per connection, removed
 *       when the connection stops.</li>
 * </ul>
 *
 * <p>The per-message meters count in plain fields that Micrometer reads when it publishes, so a message
 * costs a map lookup and a few increments.
 */
// Counters per frame type and callback are arrays indexed by ordinal, sized from values(): cheaper on every
// message than an EnumMap, and an enum constant added later only grows them.
@SuppressWarnings("EnumOrdinal")
public final class WsnovaMetrics implements ConnectionListener {
  private final MeterRegistry registry;
  private final Map<Connection, Meters> meters = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();

  /**
   * The meters of one connection to one host. Per-message counts live in plain fields written only by the
   * connection's event loop and read by Micrometer when it publishes: a message costs a few increments,
   * not a Micrometer call (that took 6 % of a 64-byte echo).
   */
  private final class Meters {
    final Tags tags;
    // Indexed by FrameType ordinal; only TEXT and BINARY are counted.
    final long[] messagesIn = new long[FrameType.values().length];
    final long[] bytesIn = new long[FrameType.values().length];
    final long[] messagesOut = new long[FrameType.values().length];
    final long[] bytesOut = new long[FrameType.values().length];
    final long[] callbackCount = new long[Callback.values().length];
    final long[] callbackNanos = new long[Callback.values().length];
    final Map<Callback, Timer> callbackSamples = new EnumMap<>(Callback.class);
    final java.util.List<Meter> registered = new java.util.ArrayList<>();
    final Timer roundTrip;
    final Gauge buffered;

    Meters(Connection c, String host) {
      tags = Tags.of("connection", c.name(), "host", host);
      for (FrameType type : new FrameType[] {FrameType.TEXT, FrameType.BINARY}) {
        int t = type.ordinal();
        Tags typed = tags.and("type", type.name().toLowerCase(java.util.Locale.ROOT));
        registered.add(FunctionCounter.builder("wsnova.messages.received", this, m -> m.messagesIn[t])
            .description("whole messages received").tags(typed).register(registry));
        registered.add(FunctionCounter.builder("wsnova.messages.sent", this, m -> m.messagesOut[t])
            .description("data frames written").tags(typed).register(registry));
        registered.add(FunctionCounter.builder("wsnova.bytes.received", this, m -> m.bytesIn[t]).baseUnit("bytes")
            .description("payload bytes of the messages received").tags(typed).register(registry));
        registered.add(FunctionCounter.builder("wsnova.bytes.sent", this, m -> m.bytesOut[t]).baseUnit("bytes")
            .description("payload bytes of the data frames written").tags(typed).register(registry));
      }
      for (Callback callback : Callback.values()) {
        int k = callback.ordinal();
        Tags named = tags.and("callback", callback.name().toLowerCase(java.util.Locale.ROOT));
        registered.add(FunctionTimer.builder("wsnova.callback.duration", this, m -> m.callbackCount[k],
                m -> m.callbackNanos[k], TimeUnit.NANOSECONDS)
            .description("how long user callbacks held the event loop: every call").tags(named).register(registry));
        Timer sampled = Timer.builder("wsnova.callback.duration.sampled")
            .description("percentiles of callback durations, from every 16th call and every call over 1 ms")
            .tags(named).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        callbackSamples.put(callback, sampled);
        registered.add(sampled);
      }
      roundTrip = Timer.builder("wsnova.ping.round.trip").description("time from a heartbeat ping to its pong")
          .tags(tags).publishPercentiles(0.5, 0.95, 0.99).register(registry);
      registered.add(roundTrip);
      buffered = Gauge.builder("wsnova.outbound.buffered", c, Connection::outboundBufferedBytes).baseUnit("bytes")
          .description("bytes waiting to be sent").tags(tags).strongReference(false).register(registry);
    }

    void remove() {
      registered.forEach(registry::remove);
      registry.remove(buffered);
    }
  }

  /** Calls over this are always sampled for the percentiles, so no slow one is missed. */
  private static final long ALWAYS_SAMPLED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Metrics registered in {@code registry}; pass it to {@code NovaClient.builder().listener(...)}. */
  public WsnovaMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("wsnova.connections.open", open, AtomicInteger::get)
        .description("WebSocket connections open now").register(registry);
  }

  private Meters meters(Connection c) {
    Meters m = meters.get(c);
    return m != null ? m : meters.computeIfAbsent(c, k -> new Meters(k, "unknown"));
  }

  private Tags tags(Connection c) {
    return meters(c).tags;
  }

  @Override
  public void attemptStarted(Connection c, ConnectionInfo info) {
    Meters m = meters.get(c);
    if (m == null || !m.tags.stream().anyMatch(t -> t.getKey().equals("host") && t.getValue().equals(info.host()))) {
      if (m != null) {
        m.remove();
      }
      m = new Meters(c, info.host());
      meters.put(c, m);
    }
    registry.counter("wsnova.connection.attempts", m.tags).increment();
  }

  @Override
  public void attemptFailed(Connection c, Throwable cause) {
    registry.counter("wsnova.connection.attempt.failures", tags(c).and("exception", cause.getClass().getSimpleName()))
        .increment();
  }

  @Override
  public void connected(Connection c) {
    open.incrementAndGet();
    registry.counter("wsnova.connection.connects", tags(c)).increment();
  }

  @Override
  public void disconnected(Connection c, DisconnectReason reason, Duration lived) {
    open.decrementAndGet();
    registry.counter("wsnova.connection.disconnects", tags(c).and("reason", reasonTag(reason))).increment();
  }

  @Override
  public void decided(Connection c, ErrorEvent event, Result decision) {
    String outcome = decision instanceof Result.Reconnect ? "reconnect" : decision instanceof Result.Stop ? "stop"
        : "ok";
    registry.counter("wsnova.connection.decisions", tags(c).and("outcome", outcome)).increment();
  }

  @Override
  public void messageReceived(Connection c, FrameType type, int bytes) {
    Meters m = meters(c);
    m.messagesIn[type.ordinal()]++;
    m.bytesIn[type.ordinal()] += bytes;
  }

  @Override
  public void messageSent(Connection c, FrameType type, int bytes) {
    Meters m = meters(c);
    m.messagesOut[type.ordinal()]++;
    m.bytesOut[type.ordinal()] += bytes;
  }

  @Override
  public void sendFailed(Connection c, SendException.Reason reason) {
    registry.counter("wsnova.send.failures", tags(c).and("reason", reason.name().toLowerCase(java.util.Locale.ROOT)))
        .increment();
  }

  @Override
  public void callbackCompleted(Connection c, Callback callback, long nanos, Throwable failure) {
    Meters m = meters(c);
    int k = callback.ordinal();
    long calls = ++m.callbackCount[k];
    m.callbackNanos[k] += nanos;
    if ((calls & 15) == 1 || nanos > ALWAYS_SAMPLED_NANOS) {
      m.callbackSamples.get(callback).record(nanos, TimeUnit.NANOSECONDS);
    }
    if (failure != null) {
      registry.counter("wsnova.callback.failures",
          m.tags.and("callback", callback.name().toLowerCase(java.util.Locale.ROOT))).increment();
    }
  }

  @Override
  public void roundTrip(Connection c, Duration roundTrip) {
    meters(c).roundTrip.record(roundTrip);
  }

  @Override
  public void stopped(Connection c, DisconnectReason reason) {
    Meters m = meters.remove(c);
    if (m != null) {
      registry.remove(m.buffered); // nothing more to buffer; the counters keep their totals
    }
  }

  /** A bounded set of tag values: the kind of reason, and the close code where there is one. */
  static String reasonTag(DisconnectReason reason) {
    if (reason instanceof DisconnectReason.Closed closed) {
      return "closed-" + closed.code();
    }
    if (reason instanceof DisconnectReason.ProtocolError error) {
      return "protocol-error-" + error.code();
    }
    if (reason instanceof DisconnectReason.Timeout timeout) {
      return "timeout-" + timeout.phase().name().toLowerCase(java.util.Locale.ROOT);
    }
    if (reason instanceof DisconnectReason.LocalClose) {
      return "local-close";
    }
    if (reason instanceof DisconnectReason.TransportError) {
      return "transport-error";
    }
    return "error-handler-failed";
  }
}
