package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.adapter.AdapterSupport;
import io.wsnova.runtime.adapter.JsonCodec;
import io.wsnova.runtime.testing.CapturedLogs;
import io.wsnova.runtime.testing.CapturedLogs.Line;
import io.wsnova.runtime.testing.LiveServerTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Nothing fails silently, with the defaults (no ErrorHandler of the user's): each case a new user met
 * logs a line that says what happened, at the level it deserves, naming the connection.
 */
class LoggingTest extends LiveServerTest {

  @BeforeEach
  void clear() {
    CapturedLogs.clear();
  }

  @AfterEach
  void resetLevel() {
    CapturedLogs.level(Level.INFO);
  }

  /** A handler that sends one message on connect and does {@code onText} with what comes back. */
  private static final class OneShot implements ConnectionHandler {
    private final Frame first;
    private final ThrowingFunction onText;

    OneShot(Frame first, ThrowingFunction onText) {
      this.first = first;
      this.onText = onText;
    }

    @Override
    public Result onConnect(ConnectionInfo info, Connection connection) {
      connection.send(first);
      return Result.ok();
    }

    @Override
    public Result onFrame(Frame frame, Connection connection) throws Exception {
      return frame.type().isData() ? onText.apply(frame) : Result.ok();
    }
  }

  @FunctionalInterface
  private interface ThrowingFunction {
    Result apply(Frame frame) throws Exception;
  }

  private Connection connect(ConnectionHandler handler) throws Exception {
    return client.connect(handler, Options.builder().uri(server.uri("/echo")).name("feed").build())
        .get(10, TimeUnit.SECONDS);
  }

  private static List<Line> await(Supplier<List<Line>> lines) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (lines.get().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return lines.get();
  }

  /**
   * Lines of {@code connection} only: a connection of an earlier test may still log (its stop is said on
   * the event loop after its future completed), so a test counts the lines that name its own connection.
   */
  private static List<Line> find(Connection connection, Level level, String text) {
    return CapturedLogs.lines(l -> l.level() == level && l.message().startsWith(connection.id() + " ")
        && l.message().contains(text));
  }

  @Test
  void aCallbackThatThrowsIsAWarningWithItsException() throws Exception {
    Connection c = connect(new OneShot(Frame.text("hello"), f -> {
      throw new IllegalStateException("bug in my handler");
    }));
    List<Line> warnings = await(() -> CapturedLogs.find(Level.WARN, "a callback of OneShot threw"));
    assertThat(warnings).singleElement().satisfies(l -> {
      assertThat(l.thrown()).hasMessage("bug in my handler");
      assertThat(l.message()).startsWith(c.id() + " feed ws://127.0.0.1:");
    });
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anUnroutedTextMessageIsAWarning() throws Exception {
    Connection c = connect(new OneShot(Frame.text("nobody takes me"), f -> {
      throw AdapterSupport.unhandled(f.text());
    }));
    assertThat(await(() -> CapturedLogs.find(Level.WARN, "message dropped: no @OnFrame method takes this text"
        + " message: nobody takes me"))).hasSize(1);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBinaryMessageWithNoBinaryMethodIsAWarning() throws Exception {
    Connection c = connect(new OneShot(Frame.binary(new byte[] {1, 2, 3}), f -> {
      throw AdapterSupport.unhandled(f.bytes());
    }));
    assertThat(await(() -> CapturedLogs.find(Level.WARN, "message dropped: no @OnFrame method takes"))).hasSize(1);
    c.close().get(10, TimeUnit.SECONDS);
  }

  record Tick(String symbol, double price) {}

  @Test
  void jsonThatDoesNotDecodeIsAWarning() throws Exception {
    JsonCodec.Decoder<Tick> decoder = JsonCodec.decoder(Tick.class);
    Connection c = connect(new OneShot(Frame.text("{\"symbol\": [1, 2]}"), f -> {
      decoder.decode(f.text());
      return Result.ok();
    }));
    assertThat(await(() -> CapturedLogs.find(Level.WARN, "does not decode into " + Tick.class.getName())))
        .hasSize(1);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aReconnectThroughTheBroadResultTypeIsAnErrorAndTheStopIsSaid() throws Exception {
    Connection c = connect(new OneShot(Frame.text("x"),
        f -> Callback.ON_FRAME.check(Result.reconnect(Duration.ofSeconds(1)))));
    c.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(find(c, Level.ERROR, "the on frame callback returned Reconnect")).hasSize(1);
    assertThat(find(c, Level.INFO, "stopped:")).hasSize(1);
  }

  @Test
  void connectsDisconnectsAndDecisionsAreInfo() throws Exception {
    Connection c = client.connect(new OneShot(Frame.text("x"), f -> Result.ok()),
        Options.builder().uri(server.uri("/close/4001")).errorHandler(ExponentialBackoff.builder()
            .base(Duration.ofMillis(10)).maxAttempts(2).build()).build()).get(10, TimeUnit.SECONDS);
    c.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(find(c, Level.INFO, "connected")).isNotEmpty();
    assertThat(find(c, Level.INFO, "disconnected after")).isNotEmpty()
        .allMatch(l -> l.message().contains("Closed[code=4001, reason=bye]"));
    assertThat(find(c, Level.INFO, "reconnecting in")).isNotEmpty()
        .allMatch(l -> l.message().contains(" in a row of 2)"));
    assertThat(find(c, Level.ERROR, "the ErrorHandler gave up: gave up after 2 attempts")).hasSize(1);
  }

  @Test
  void credentialsAndQueriesNeverReachALine() throws Exception {
    CapturedLogs.level(Level.TRACE);
    ConnectionInfo info = ConnectionInfo.builder(URI.create("ws://user:hunter2@127.0.0.1:" + server.port()
            + "/echo?token=s3cr3t"))
        .header("Authorization", "Bearer s3cr3t")
        .header("Cookie", "session=s3cr3t")
        .header("X-Trace", "visible")
        .subprotocols(java.util.List.of("s3cr3t-token"))
        .build();
    ConnectionHandler h = new ConnectionHandler() {
      @Override
      public ConnectionInfo connectionInfo(Options options, Connection connection) {
        return info;
      }
    };
    Connection c = client.connect(h, Options.builder().errorHandler(e -> Result.stop()).build())
        .handle((v, e) -> v).get(10, TimeUnit.SECONDS);
    if (c != null) {
      c.close().get(10, TimeUnit.SECONDS);
    }
    List<Line> all = CapturedLogs.lines(l -> l.logger().startsWith("io.wsnova"));
    assertThat(all).isNotEmpty();
    assertThat(all).noneMatch(l -> l.message().contains("s3cr3t") || l.message().contains("hunter2"));
    assertThat(all).anyMatch(l -> l.message().contains("Authorization=<redacted>") && l.message().contains("X-Trace=visible"));
  }

  @Test
  void aFloodOfBadFramesIsLoggedThreeTimesThenCounted() throws Exception {
    ConnectionHandler throwing = new ConnectionHandler() {
      @Override
      public Result onFrame(Frame frame, Connection connection) {
        throw new IllegalArgumentException("bad frame");
      }
    };
    Connection c = client.connect(throwing, Options.builder().uri(server.uri("/echo"))
        .logSummaryInterval(Duration.ofMillis(500)).build()).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 10_000; i++) {
      c.sendText("bad " + i);
    }
    List<Line> summary = await(() -> CapturedLogs.find(Level.WARN, "more of: callback failure"));
    List<Line> inFull = find(c, Level.WARN, "threw");
    assertThat(inFull).hasSize(3);
    assertThat(inFull.get(2).message()).contains("more of these are counted");
    assertThat(summary).isNotEmpty();
    long counted = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counted < 10_000 - 3 && System.nanoTime() < deadline) {
      counted = CapturedLogs.find(Level.WARN, "more of: callback failure").stream()
          .mapToLong(l -> Long.parseLong(l.message().replaceAll("^.* (\\d+) more of:.*$", "$1"))).sum();
      Thread.sleep(50);
    }
    assertThat(counted).as("every held-back failure is counted in a summary").isEqualTo(10_000 - 3);
    assertThat(CapturedLogs.lines(l -> l.level() == Level.WARN).size()).isLessThan(20);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSlowCallbackIsAWarningNamingIt() throws Exception {
    Connection c = client.connect(new OneShot(Frame.text("slow"), f -> {
      Thread.sleep(60);
      return Result.ok();
    }), Options.builder().uri(server.uri("/echo")).slowCallbackThreshold(Duration.ofMillis(30)).build())
        .get(10, TimeUnit.SECONDS);
    assertThat(await(() -> CapturedLogs.find(Level.WARN, "the on frame callback (OneShot) ran for"))).hasSize(1);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSlowContinuationOnTheEventLoopIsAWarning() throws Exception {
    Connection c = client.connect(new OneShot(Frame.text("x"), f -> Result.ok()),
        Options.builder().uri(server.uri("/echo")).slowCallbackThreshold(Duration.ofMillis(30)).build())
        .get(10, TimeUnit.SECONDS);
    c.closeFuture().thenRun(() -> {
      try {
        Thread.sleep(60); // a user's continuation, blocking the event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // Not c.close().get(): a thread waiting in get() may run the continuation itself, off the loop.
    c.close();
    assertThat(await(() -> CapturedLogs.find(Level.WARN, "what was chained on closeFuture ran on the event loop")))
        .as("%s", CapturedLogs.lines()).hasSize(1);
  }
}
