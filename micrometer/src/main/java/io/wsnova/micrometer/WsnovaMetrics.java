package io.wsnova.micrometer;

import io.micrometer.core.instrument.Counter;
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
 *   <li>{@code wsnova.callback.duration} ({@code callback}), {@code wsnova.ping.round.trip}: timers with
 *       the 50th, 95th and 99th percentiles;</li>
 *   <li>{@code wsnova.connections.open} (no tags): a gauge of the connections open now;
 *       {@code wsnova.outbound.buffered}: a gauge of the bytes waiting to be sent, per connection, removed
 *       when the connection stops.</li>
 * </ul>
 *
 * <p>The per-message meters are looked up once per connection and kept, so a message costs a map lookup
 * and two counter increments.
 */
public final class WsnovaMetrics implements ConnectionListener {
  private final MeterRegistry registry;
  private final Map<Connection, Meters> meters = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();

  /** The meters of one connection to one host. */
  private final class Meters {
    final Tags tags;
    final Map<FrameType, Counter> messagesIn = new EnumMap<>(FrameType.class);
    final Map<FrameType, Counter> messagesOut = new EnumMap<>(FrameType.class);
    final Map<FrameType, Counter> bytesIn = new EnumMap<>(FrameType.class);
    final Map<FrameType, Counter> bytesOut = new EnumMap<>(FrameType.class);
    final Map<Callback, Timer> callbackDurations = new EnumMap<>(Callback.class);
    final Timer roundTrip;
    final Gauge buffered;

    Meters(Connection c, String host) {
      tags = Tags.of("connection", c.name(), "host", host);
      for (FrameType type : new FrameType[] {FrameType.TEXT, FrameType.BINARY}) {
        Tags typed = tags.and("type", type.name().toLowerCase(java.util.Locale.ROOT));
        messagesIn.put(type, Counter.builder("wsnova.messages.received").description("whole messages received")
            .tags(typed).register(registry));
        messagesOut.put(type, Counter.builder("wsnova.messages.sent").description("data frames written")
            .tags(typed).register(registry));
        bytesIn.put(type, Counter.builder("wsnova.bytes.received").baseUnit("bytes")
            .description("payload bytes of the messages received").tags(typed).register(registry));
        bytesOut.put(type, Counter.builder("wsnova.bytes.sent").baseUnit("bytes")
            .description("payload bytes of the data frames written").tags(typed).register(registry));
      }
      for (Callback callback : Callback.values()) {
        callbackDurations.put(callback, Timer.builder("wsnova.callback.duration")
            .description("how long user callbacks held the event loop")
            .tags(tags.and("callback", callback.name().toLowerCase(java.util.Locale.ROOT)))
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry));
      }
      roundTrip = Timer.builder("wsnova.ping.round.trip").description("time from a heartbeat ping to its pong")
          .tags(tags).publishPercentiles(0.5, 0.95, 0.99).register(registry);
      buffered = Gauge.builder("wsnova.outbound.buffered", c, Connection::outboundBufferedBytes).baseUnit("bytes")
          .description("bytes waiting to be sent").tags(tags).strongReference(false).register(registry);
    }

    void remove() {
      messagesIn.values().forEach(registry::remove);
      messagesOut.values().forEach(registry::remove);
      bytesIn.values().forEach(registry::remove);
      bytesOut.values().forEach(registry::remove);
      callbackDurations.values().forEach(registry::remove);
      registry.remove(roundTrip);
      registry.remove(buffered);
    }
  }

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
    Counter messages = m.messagesIn.get(type);
    if (messages != null) {
      messages.increment();
      m.bytesIn.get(type).increment(bytes);
    }
  }

  @Override
  public void messageSent(Connection c, FrameType type, int bytes) {
    Meters m = meters(c);
    Counter messages = m.messagesOut.get(type);
    if (messages != null) {
      messages.increment();
      m.bytesOut.get(type).increment(bytes);
    }
  }

  @Override
  public void sendFailed(Connection c, SendException.Reason reason) {
    registry.counter("wsnova.send.failures", tags(c).and("reason", reason.name().toLowerCase(java.util.Locale.ROOT)))
        .increment();
  }

  @Override
  public void callbackCompleted(Connection c, Callback callback, long nanos, Throwable failure) {
    Meters m = meters(c);
    m.callbackDurations.get(callback).record(nanos, TimeUnit.NANOSECONDS);
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
