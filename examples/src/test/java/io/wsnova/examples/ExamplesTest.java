package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.examples.server.DemoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each example client against the embedded server. */
class ExamplesTest {
  private static DemoServer server;
  private static NovaClient client;

  @BeforeAll
  static void start() {
    server = DemoServer.start();
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  /** Polls the handler's status until {@code condition} holds; fails after 10 s. */
  private static <T> T awaitStatus(Connection c, Class<T> type, Predicate<T> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    T last = null;
    while (System.nanoTime() < deadline) {
      last = type.cast(c.status().get(5, TimeUnit.SECONDS).handlerStatus());
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("condition never held; last status " + last);
  }

  @Test
  void echoSaysHelloAndHearsItBack() throws Exception {
    Echo echo = new Echo();
    Connection c = client.connect(echo, Options.builder().uri(server.uri("/echo")).build()).get(10, TimeUnit.SECONDS);
    assertThat(echo.reply.get(10, TimeUnit.SECONDS)).isEqualTo("Hello, WebSocket");
    c.close();
  }

  @Test
  void echoMainTakesAUrl() throws Exception {
    ExampleMain.main(new String[] {"echo", "--url", server.uri("/echo").toString()});
    ExampleMain.main(new String[] {"market-data", "--url", server.uri("/ticker").toString(), "--seconds", "1"});
    assertThat(Args.url(new String[] {"--url=wss://example.com/x"})).isEqualTo("wss://example.com/x");
    assertThat(Args.url(new String[0])).isNull();
  }

  @Test
  void marketDataSubscribesWithStampedJsonAndDecodesTicks() throws Exception {
    server.tickerRequests().clear();
    Options options = Options.builder().uri(server.uri("/ticker")).build();
    Connection c = client.connect(new MarketData(), options).get(10, TimeUnit.SECONDS);

    MarketData.Stats stats = awaitStatus(c, MarketData.Stats.class,
        s -> s.ticks() > 3 && s.latency() != null && s.lastServerHeartbeat() > 0);
    assertThat(stats.lastSeq()).isPositive();
    assertThat(stats.pongs()).isPositive();
    assertThat(server.tickerRequests().poll(5, TimeUnit.SECONDS))
        .matches("\\{\"id\":1,\"ts\":\\d+,\"op\":\"subscribe\",\"symbols\":\\[\"EURUSD\",\"BTCUSD\"\\]\\}");
    assertThat(c.info().pingInterval()).as("from @WebSocketClient").isEqualTo(Duration.ofMillis(250));
    c.close();
  }

  @Test
  void resilientResumesFromItsLastSequenceAfterADrop() throws Exception {
    PatientRetry retry = new PatientRetry(3);
    Options options = Options.builder().uri(server.uri("/ticker")).errorHandler(retry).build();
    Connection c = client.connect(new Resilient(), options).get(10, TimeUnit.SECONDS);
    Resilient.Stats before = awaitStatus(c, Resilient.Stats.class, s -> s.received() > 2);
    server.tickerRequests().clear();

    server.dropConnections();
    Resilient.Stats after = awaitStatus(c, Resilient.Stats.class, s -> s.lastSeq() > before.lastSeq() + 30);

    assertThat(c.connectCount()).isEqualTo(2);
    assertThat(retry.reconnects.get()).isEqualTo(1);
    String resume = null;
    for (String r = server.tickerRequests().poll(5, TimeUnit.SECONDS); r != null; r = server.tickerRequests().poll()) {
      if (r.contains("resume")) {
        resume = r;
      }
    }
    assertThat(resume).as("asked to resume from the sequence it had").contains("\"from\":");
    long from = Long.parseLong(resume.replaceAll(".*\"from\":(\\d+).*", "$1"));
    assertThat(from).isGreaterThanOrEqualTo(before.lastSeq());
    assertThat(after.received()).isGreaterThan(before.received());
    c.close();
  }

  @Test
  void patientRetryGivesUpAfterItsAttempts() {
    PatientRetry retry = new PatientRetry(2);
    ErrorEvent first = new ErrorEvent(ErrorEvent.Kind.CONNECT_FAILED, 1, false, null, new ConnectException());
    ErrorEvent third = new ErrorEvent(ErrorEvent.Kind.CONNECT_FAILED, 2, false, null, new ConnectException());
    assertThat(retry.onError(first)).isEqualTo(Result.reconnect(Duration.ofSeconds(1)));
    assertThat(retry.onError(third)).isInstanceOf(Result.Stop.class);
  }
}
