package io.wsnova.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every meter, against a real connection to an in-process server and a {@link SimpleMeterRegistry}. */
class WsnovaMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestServer server;
  private NovaClient client;

  @BeforeEach
  void start() {
    server = TestServer.start();
    client = NovaClient.builder().threads(1).listener(new WsnovaMetrics(registry)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Search search(String name) {
    return registry.find(name).tag("connection", "feed").tag("host", "127.0.0.1");
  }

  private double count(String name, String tag, String value) {
    Search found = search(name).tag(tag, value);
    return found.counter() != null ? found.counter().count() : found.functionCounter().count();
  }

  @Test
  void aConversationIsCountedMeterByMeter() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    r.onData = f -> f.type() == FrameType.TEXT && f.text().equals("boom") ? boom() : Result.ok();
    Connection c = client.connect(r, r.options().name("feed").pingInterval(Duration.ofMillis(30))
        .maxMessageSize(1024).build()).get(10, TimeUnit.SECONDS);
    assertThat(registry.find("wsnova.connections.open").gauge().value()).isEqualTo(1);

    c.sendText("hello").get(10, TimeUnit.SECONDS);
    c.sendText("world!").get(10, TimeUnit.SECONDS);
    c.sendBinary(new byte[] {1, 2, 3}).get(10, TimeUnit.SECONDS);
    c.sendText("boom").get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 4; i++) {
      r.next(Frame.class);
    }
    r.next(Recorder.Pong.class);
    c.sendBinary(new byte[2048]).handle((v, e) -> e).get(10, TimeUnit.SECONDS); // too large
    c.close().get(10, TimeUnit.SECONDS);

    assertThat(search("wsnova.connection.attempts").counter().count()).isEqualTo(1);
    assertThat(search("wsnova.connection.connects").counter().count()).isEqualTo(1);
    assertThat(count("wsnova.connection.disconnects", "reason", "local-close")).isEqualTo(1);
    assertThat(count("wsnova.messages.sent", "type", "text")).isEqualTo(3);
    assertThat(count("wsnova.messages.sent", "type", "binary")).isEqualTo(1);
    assertThat(count("wsnova.bytes.sent", "type", "text")).isEqualTo(5 + 6 + 4);
    assertThat(count("wsnova.bytes.sent", "type", "binary")).isEqualTo(3);
    assertThat(count("wsnova.messages.received", "type", "text")).isEqualTo(3);
    assertThat(count("wsnova.messages.received", "type", "binary")).isEqualTo(1);
    assertThat(count("wsnova.bytes.received", "type", "text")).isEqualTo(15);
    assertThat(count("wsnova.bytes.received", "type", "binary")).isEqualTo(3);
    assertThat(count("wsnova.send.failures", "reason", "too_large")).isEqualTo(1);
    assertThat(count("wsnova.callback.failures", "callback", "on_frame")).isEqualTo(1);
    assertThat(search("wsnova.callback.duration").tag("callback", "on_frame").functionTimer().count())
        .as("every on frame call timed: four messages and the close frame").isEqualTo(5);
    assertThat(search("wsnova.callback.duration").tag("callback", "on_frame").functionTimer()
        .totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(search("wsnova.callback.duration").tag("callback", "on_connect").functionTimer().count()).isEqualTo(1);
    // The first of every 16 calls is sampled, and every call over 1 ms: on a loaded machine any of the five
    // may be that slow, so the count is one plus however many were.
    assertThat(search("wsnova.callback.duration.sampled").tag("callback", "on_frame").timer().count())
        .as("the first call of every 16 sampled, and the slow ones").isBetween(1L, 5L);
    assertThat(search("wsnova.callback.duration.sampled").tag("callback", "on_frame").timer().takeSnapshot()
        .percentileValues()).hasSize(3);
    assertThat(search("wsnova.ping.round.trip").timer().count()).isPositive();
    assertThat(search("wsnova.ping.round.trip").timer().takeSnapshot().percentileValues()).hasSize(3);
    assertThat(registry.find("wsnova.connections.open").gauge().value()).isZero();
    assertThat(search("wsnova.outbound.buffered").gauge()).as("removed when the connection stopped").isNull();
  }

  @Test
  void attemptsFailuresAndDecisionsAreCounted() throws Exception {
    Recorder r = new Recorder(server.uri("/close/4001"));
    r.policy = e -> e.attempt() < 2 ? Result.reconnect(Duration.ofMillis(10)) : Result.stop();
    Connection c = client.connect(r, r.options().name("feed").build()).get(10, TimeUnit.SECONDS);
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.Closed(4001, "bye"));

    assertThat(search("wsnova.connection.attempts").counter().count()).isEqualTo(2);
    assertThat(count("wsnova.connection.disconnects", "reason", "closed-4001")).isEqualTo(2);
    assertThat(count("wsnova.connection.decisions", "outcome", "reconnect")).isEqualTo(1);
    assertThat(count("wsnova.connection.decisions", "outcome", "stop")).isEqualTo(1);

    Recorder refused = new Recorder(server.uri("/reject/503"));
    refused.policy = e -> Result.stop();
    client.connect(refused, refused.options().name("feed").build()).handle((v, e) -> null).get(10, TimeUnit.SECONDS);
    assertThat(count("wsnova.connection.attempt.failures", "exception", "UpgradeRejectedException")).isEqualTo(1);
  }

  @Test
  void theOutboundGaugeReadsTheConnection() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = client.connect(r, r.options().name("feed").build()).get(10, TimeUnit.SECONDS);
    Meter gauge = search("wsnova.outbound.buffered").gauge();
    assertThat(gauge).isNotNull();
    assertThat(search("wsnova.outbound.buffered").gauge().value()).isEqualTo((double) c.outboundBufferedBytes());
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void reasonTagsAreBounded() {
    assertThat(WsnovaMetrics.reasonTag(new DisconnectReason.Timeout(DisconnectReason.Timeout.Phase.PONG,
        Duration.ofSeconds(1)))).isEqualTo("timeout-pong");
    assertThat(WsnovaMetrics.reasonTag(new DisconnectReason.ProtocolError(1007, "bad utf-8"))).isEqualTo(
        "protocol-error-1007");
    assertThat(WsnovaMetrics.reasonTag(new DisconnectReason.TransportError(new java.io.IOException("reset"))))
        .isEqualTo("transport-error");
    assertThat(WsnovaMetrics.reasonTag(new DisconnectReason.ErrorHandlerFailed(new RuntimeException(),
        new DisconnectReason.LocalClose(1000, "")))).isEqualTo("error-handler-failed");
  }

  private static Result boom() {
    throw new IllegalStateException("boom");
  }

}
