package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import io.wsnova.test.HandlerHarness;
import io.wsnova.test.MockWebSocketServer;
import io.wsnova.test.MockWebSocketServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The examples tested with wsnova-test, as the README shows: a harness without a network, and a scripted server. */
// README:start test-kit
@ExtendWith(MockWebSocketServerExtension.class)
class TestKitExamplesTest {
  @Test
  void marketDataSubscribesCountsTicksAndMeasuresPongs() throws Exception {
    HandlerHarness h = HandlerHarness.of(new MarketData()).connect();
    assertThat(h.sentTexts()).singleElement().asString()
        .endsWith("\"op\":\"subscribe\",\"symbols\":[\"EURUSD\",\"BTCUSD\"]}");

    h.receiveText("{\"type\":\"tick\",\"seq\":7,\"symbol\":\"EURUSD\",\"price\":1.08}");
    h.advance(Duration.ofMillis(250));                       // @WebSocketClient(pingIntervalMillis = 250)
    h.advance(Duration.ofMillis(30));
    h.receivePong("hb-1".getBytes(StandardCharsets.UTF_8));  // MarketData's @PingPayload

    MarketData.Stats stats = (MarketData.Stats) h.connection().status().get().handlerStatus();
    assertThat(stats.ticks()).isEqualTo(1);
    assertThat(stats.lastSeq()).isEqualTo(7);
    assertThat(stats.latency()).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void echoSaysHelloToARealServer(MockWebSocketServer server) throws Exception {
    try (NovaClient client = NovaClient.create()) {
      Echo echo = new Echo();
      client.connect(echo, Options.builder().uri(server.uri("/echo")).build()).get(10, TimeUnit.SECONDS);
      assertThat(server.takeText()).isEqualTo("Hello, WebSocket");
      server.sendText("hello back");
      assertThat(echo.reply.get(10, TimeUnit.SECONDS)).isEqualTo("hello back");
    }
  }
}
// README:end test-kit
