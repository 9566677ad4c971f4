package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sessions that survive reconnects: readiness and auth, subscriptions, queued sends, timers, drop, rate limits. */
class SessionTest {
  private TestServer server;
  private NovaClient client;

  @BeforeEach
  void start() {
    server = TestServer.start();
    client = NovaClient.builder().threads(1).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  record Rpc(String method, Map<String, Object> params) {}

  /** Authenticates on every connect (method {@code auth} is answered or refused as the test says). */
  static class Authenticating extends Recorder {
    volatile String authMethod = "echo";
    final AtomicInteger auths = new AtomicInteger();

    Authenticating(java.net.URI uri) {
      super(uri);
      policy = e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED ? Result.ok()
          : e.isRetriable() ? Result.reconnect(Duration.ofMillis(20)) : Result.stop();
    }

    @Override
    public Result onConnect(ConnectionInfo info, Connection connection) {
      super.onConnect(info, connection);
      auths.incrementAndGet();
      return Result.readyWhen(connection.request(new Rpc(authMethod, Map.of("grant", "client_credentials", "ms", 300)),
          JsonNode.class));
    }
  }

  @Test
  void readinessWaitsForOnConnectsStageAndIsRenewedOnEachReconnect() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    h.authMethod = "slow";
    Connection c = client.connect(h, h.options().build()).get(10, TimeUnit.SECONDS);
    CompletableFuture<Void> first = c.ready();
    assertThat(first).as("the auth answer comes later").isNotDone();
    first.get(10, TimeUnit.SECONDS);
    assertThat(c.status().get(10, TimeUnit.SECONDS).ready()).isTrue();

    h.authMethod = "echo";
    c.drop(4000, "test").get(10, TimeUnit.SECONDS);
    CompletableFuture<Void> second = c.ready();
    assertThat(second).isNotSameAs(first);
    second.get(10, TimeUnit.SECONDS);
    assertThat(h.auths.get()).isEqualTo(2);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailedStageGoesToTheErrorHandlerAndFailsReady() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    h.authMethod = "fail";
    Connection c = client.connect(h, h.options().build()).get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.ready().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestException.class);
    ErrorEvent e = h.next(ErrorEvent.class);
    assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.CALLBACK_FAILED);
    assertThat(e.cause()).isInstanceOf(RequestException.class);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void subscriptionsAreSentAgainInOrderAndAuthRestoredAcross25ServerRestarts() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    Connection c = client.connect(h, h.options().build()).get(10, TimeUnit.SECONDS);
    c.ready().get(10, TimeUnit.SECONDS);
    c.subscriptions().addRequest("ticker", new Rpc("echo", Map.of("ch", "ticker"))).get(10, TimeUnit.SECONDS);
    c.subscriptions().add("trades", new Rpc("notify", Map.of("ch", "trades"))).get(10, TimeUnit.SECONDS);
    assertThat(c.status().get(10, TimeUnit.SECONDS).subscriptions()).containsExactly("ticker", "trades");
    // add() completes once written; the server may read it later. Wait, so that clear() below does not race it.
    long seenBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.texts.stream().noneMatch(t -> t.contains("\"trades\"")) && System.nanoTime() < seenBy) {
      Thread.sleep(5);
    }

    for (int i = 0; i < 25; i++) {
      server.texts.clear();
      server.stop();
      h.next(DisconnectReason.class);
      server.restart();
      h.next(Recorder.Connected.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.texts.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      List<String> seen = new ArrayList<>(server.texts);
      assertThat(seen).as("restart %d", i).hasSize(3);
      assertThat(seen.get(0)).contains("client_credentials");
      assertThat(seen.get(1)).contains("\"ticker\"");
      assertThat(seen.get(2)).contains("\"trades\"");
    }
    assertThat(h.auths.get()).isEqualTo(26);
    c.subscriptions().remove("ticker", null).get(10, TimeUnit.SECONDS);
    assertThat(c.subscriptions().keys()).containsExactly("trades");
    c.close().get(10, TimeUnit.SECONDS);
    LeakRecorder.assertNoLeaks();
  }

  @Test
  void aSubscriptionRefusedWhenSentAgainGoesToTheErrorHandler() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    Connection c = client.connect(h, h.options().build()).get(10, TimeUnit.SECONDS);
    c.ready().get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.subscriptions().addRequest("bad", new Rpc("fail", Map.of())).get(10, TimeUnit.SECONDS))
        .cause().isInstanceOf(RequestException.class);
    c.drop(4000, "again").get(10, TimeUnit.SECONDS);
    ErrorEvent refused = h.next(ErrorEvent.class);
    while (refused.kind() != ErrorEvent.Kind.CALLBACK_FAILED) {
      refused = h.next(ErrorEvent.class);
    }
    assertThat(refused.cause()).hasMessageContaining("subscription 'bad' was refused when sent again");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sendsWhileNotReadyWaitInOrderWhenAQueueIsConfigured() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    h.authMethod = "slow"; // answered after 0 ms: still a round trip after connect
    Recorder r = h;
    Connection c = client.connect(r, r.options().notReadyQueue(new NotReadyQueue(10, 10_000, Duration.ofSeconds(5)))
        .build()).get(10, TimeUnit.SECONDS);
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sends.add(c.sendJson(new Rpc("echo", Map.of("n", i))));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.texts.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(5); // written by the client is not yet read by the server
    }
    List<String> seen = new ArrayList<>(server.texts);
    assertThat(seen.get(0)).as("the auth first, the queued sends after").contains("client_credentials");
    assertThat(seen.subList(1, 4)).extracting(t -> t.replaceAll(".*\"n\":(\\d).*", "$1")).containsExactly("0", "1", "2");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theNotReadyQueueIsBoundedTimedAndFailsWhenTheConnectionStops() throws Exception {
    Authenticating h = new Authenticating(server.uri("/rpc"));
    h.authMethod = "never"; // never ready
    Connection c = client.connect(h, h.options().notReadyQueue(new NotReadyQueue(2, 10_000, Duration.ofMillis(300)))
        .build()).get(10, TimeUnit.SECONDS);
    CompletableFuture<Void> a = c.sendText("a");
    CompletableFuture<Void> b = c.sendText("b");
    assertThatThrownBy(() -> c.sendText("c").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.reason()).isEqualTo(SendException.Reason.QUEUE_FULL));
    assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.reason()).isEqualTo(SendException.Reason.QUEUE_TIMEOUT));
    assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SendException.class);
    CompletableFuture<Void> last = c.sendText("d");
    c.close().get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> last.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.reason()).isEqualTo(SendException.Reason.CLOSED));
  }

  @Test
  void withoutAQueueSendsWhileReconnectingFailAtOnce() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    r.policy = e -> Result.reconnect(Duration.ofSeconds(30));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    c.drop(4000, "gap").get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.sendText("x").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.reason()).isEqualTo(SendException.Reason.NOT_CONNECTED));
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void timersRunOnTheEventLoopAndEndWithTheirScope() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Recorder r = new Recorder(server.uri("/echo")) {
      @Override
      public Result onConnect(ConnectionInfo info, Connection connection) {
        threads.add(Thread.currentThread());
        return super.onConnect(info, connection);
      }
    };
    r.policy = e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED ? Result.ok() : Result.reconnect(Duration.ofMillis(20));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    AtomicInteger perConnection = new AtomicInteger();
    AtomicInteger perSession = new AtomicInteger();
    c.scheduleAtFixedRate(() -> {
      threads.add(Thread.currentThread());
      perConnection.incrementAndGet();
    }, Duration.ofMillis(10), Duration.ofMillis(10), TimerScope.CONNECTION);
    c.scheduleAtFixedRate(() -> {
      perSession.incrementAndGet();
      throw new IllegalStateException("a periodic task that throws goes on");
    }, Duration.ofMillis(10), Duration.ofMillis(10), TimerScope.SESSION);
    Thread.sleep(100);
    c.drop(4000, "scope").get(10, TimeUnit.SECONDS);
    int atDrop = perConnection.get();
    int sessionAtDrop = perSession.get();
    Thread.sleep(150);
    assertThat(perConnection.get()).as("cancelled with the connection").isLessThanOrEqualTo(atDrop + 1);
    assertThat(perSession.get()).as("goes on across the reconnect, though it throws").isGreaterThan(sessionAtDrop + 3);
    assertThat(threads).as("every task on the connection's event loop").allMatch(t -> t == threads.get(0));
    assertThat(r.errors).anyMatch(e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED
        && e.cause().getMessage().contains("periodic task that throws"));
    CompletableFuture<Thread> onLoop = new CompletableFuture<>();
    c.executor().execute(() -> onLoop.complete(Thread.currentThread()));
    assertThat(onLoop.get(10, TimeUnit.SECONDS)).isSameAs(threads.get(0));
    c.close().get(10, TimeUnit.SECONDS);
    int atStop = perSession.get();
    Thread.sleep(100);
    assertThat(perSession.get()).as("ended when the connection stopped").isLessThanOrEqualTo(atStop + 1);
  }

  @Test
  void dropHandsTheDecisionToTheErrorHandler() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    r.next(Recorder.Connected.class);
    c.drop(4001, "switch servers").get(10, TimeUnit.SECONDS);
    ErrorEvent e = r.next(ErrorEvent.class);
    assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.DISCONNECTED);
    assertThat(e.reason()).isEqualTo(new DisconnectReason.LocalClose(4001, "switch servers"));
    assertThat(r.next(Recorder.Connected.class).connectCount()).as("reconnected, as the ErrorHandler said").isEqualTo(2);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRateLimitHoldsSendsToItsRateAndUrgentOnesPass() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    RateLimits limits = RateLimits.builder().bucket(RateLimits.DEFAULT_BUCKET, 20, Duration.ofSeconds(1), 5)
        .bucket("orders", 5, Duration.ofSeconds(1), 5).maxQueued(10).build();
    Connection c = client.connect(r, r.options().rateLimits(limits).build()).get(10, TimeUnit.SECONDS);
    long start = System.nanoTime();
    List<CompletableFuture<Long>> writtenAt = new ArrayList<>();
    for (int i = 0; i < 15; i++) { // 5 at once (the burst), 10 queued (the queue's bound)
      writtenAt.add(c.sendText("m" + i).thenApply(v -> System.nanoTime() - start));
    }
    long urgent = c.send(Frame.text("urgent"), SendOptions.URGENT).thenApply(v -> System.nanoTime() - start)
        .get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.sendText("beyond the queue").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.reason()).isEqualTo(SendException.Reason.RATE_LIMITED));
    CompletableFuture.allOf(writtenAt.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(urgent).as("the urgent send passed the queue").isLessThan(writtenAt.get(14).get());
    List<CompletableFuture<Long>> orders = new ArrayList<>();
    long ordersStart = System.nanoTime();
    for (int i = 0; i < 15; i++) {
      orders.add(c.send(Frame.text("order" + i), SendOptions.bucket("orders")).thenApply(v -> System.nanoTime() - ordersStart));
    }
    CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    for (int i = 5; i < 15; i++) {
      // The n-th send beyond the burst waits for (n - burst + 1) / rate seconds at least.
      long earliest = TimeUnit.MILLISECONDS.toNanos((i - 5 + 1) * 1000L / 5) - TimeUnit.MILLISECONDS.toNanos(20);
      assertThat(orders.get(i).get()).as("order %d", i).isGreaterThanOrEqualTo(earliest);
    }
    double measuredRate = 10 / (orders.get(14).get() / 1e9);
    System.out.printf("rate limit: set 5/s (burst 5), measured %.2f/s over the 10 sends beyond the burst%n", measuredRate);
    assertThat(measuredRate).isBetween(4.0, 5.05);
    ConnectionStatus status = c.status().get(10, TimeUnit.SECONDS);
    assertThat(status.rateLimitDelayed()).isGreaterThanOrEqualTo(10);
    c.close().get(10, TimeUnit.SECONDS);
  }
}
