package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.internal.PlatformDependent;
import io.wsnova.runtime.testing.HostileServer;
import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave on purpose cannot hurt the client: bounded memory, clear failures, the RFC 6455
 * answer, and no leaked buffer (Netty's detector runs at paranoid level and fails the class).
 */
class HostileServerTest {
  private static NovaClient client;
  private static TestServer echo;

  @BeforeAll
  static void start() {
    client = NovaClient.builder().threads(1).build();
    echo = TestServer.start();
  }

  @AfterAll
  static void stop() {
    client.close();
    echo.close();
    LeakRecorder.assertNoLeaks();
  }

  /** Direct memory in use: the allocator's own count, and the JDK's direct buffer pool. */
  private static long directMemory() {
    long pool = java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
        .stream().filter(b -> b.getName().equals("direct")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
        .sum();
    long netty = ((io.netty.buffer.ByteBufAllocatorMetricProvider) io.netty.buffer.ByteBufAllocator.DEFAULT).metric()
        .usedDirectMemory();
    return Math.max(0, pool) + Math.max(0, netty) + Math.max(0, PlatformDependent.usedDirectMemory());
  }

  @Test
  void aPingFloodFromAPeerThatDoesNotReadStaysBoundedAndSparesItsNeighbours() throws Exception {
    int limit = 256 * 1024;
    int[] port = new int[1];
    // The flooding server runs in a JVM of its own, so that the memory measured here is the client's.
    Process flood = io.wsnova.runtime.testing.PingFloodServer.fork(3000, 15_000, port);
    try {
      long before = directMemory();
      Recorder r = new Recorder(java.net.URI.create("ws://127.0.0.1:" + port[0] + "/")) {
        @Override
        public Result onFrame(Frame frame, Connection connection) {
          return Result.ok(); // nothing recorded: the flood is millions of pings
        }
      };
      Connection flooded = client.connect(r, r.options().outboundBufferLimit(limit).build()).get(10, TimeUnit.SECONDS);
      Recorder n = new Recorder(echo.uri("/echo"));
      Connection neighbour = client.connect(n, n.options().build()).get(10, TimeUnit.SECONDS);

      long peak = 0;
      long slowestEcho = 0;
      List<CompletableFuture<Void>> neighbourSends = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Thread.sleep(50);
        peak = Math.max(peak, directMemory() - before);
        long sent = System.nanoTime();
        neighbourSends.add(neighbour.sendText("still here " + i));
        n.nextData(FrameType.TEXT); // the echo: the neighbour's loop is the flooded connection's loop
        slowestEcho = Math.max(slowestEcho, System.nanoTime() - sent);
      }
      System.out.printf("ping flood: the neighbour's slowest echo took %d ms%n", slowestEcho / 1_000_000);
      CompletableFuture.allOf(neighbourSends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      System.out.printf("ping flood: peak direct memory of the client %d KiB over the %d KiB before, outbound limit"
          + " %d KiB%n", peak / 1024, before / 1024, limit / 1024);

      assertThat(neighbourSends).allMatch(f -> !f.isCompletedExceptionally());
      assertThat(Duration.ofNanos(slowestEcho)).as("the shared event loop stays responsive")
          .isLessThan(Duration.ofSeconds(1));
      // Pooled arenas grow by chunks: the constant is a few of them, whatever the flood's length.
      assertThat(peak).as("direct memory over the baseline").isLessThan(limit + 16L * 1024 * 1024);
      flooded.close();
      neighbour.close();
      flooded.closeFuture().get(10, TimeUnit.SECONDS);
    } finally {
      flood.destroyForcibly();
    }
  }

  @Test
  void burstsFromManyThreadsToAPeerThatReadsDoNotFail() throws Exception {
    Recorder r = new Recorder(echo.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    AtomicLong bufferFull = new AtomicLong();
    AtomicLong otherFailures = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> all = java.util.Collections.synchronizedList(new ArrayList<>());
    String message = "x".repeat(64);
    for (int t = 0; t < 16; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        List<CompletableFuture<Void>> mine = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
          mine.add(c.sendText(message).whenComplete((v, e) -> {
            if (e instanceof SendException s && s.reason() == SendException.Reason.BUFFER_FULL) {
              bufferFull.incrementAndGet();
            } else if (e != null) {
              otherFailures.incrementAndGet();
            }
          }));
        }
        all.addAll(mine);
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(60, TimeUnit.SECONDS);
    System.out.printf("16 threads x 10,000 sends of 64 B: %d BUFFER_FULL, %d other failures%n", bufferFull.get(),
        otherFailures.get());

    assertThat(bufferFull.get()).isZero();
    assertThat(otherFailures.get()).isZero();
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void oneThreadSendingAHundredThousandDoesNotFail() throws Exception {
    Recorder r = new Recorder(echo.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      sends.add(c.sendText("y".repeat(64)));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(60, TimeUnit.SECONDS);
    long failed = sends.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    System.out.printf("1 thread x 100,000 sends of 64 B: %d failed%n", failed);
    assertThat(failed).isZero();
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sixtyFourMessagesOf64KiBInFlightFitTheDefaultLimit() throws Exception {
    Recorder r = new Recorder(echo.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    byte[] big = new byte[64 * 1024];
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      sends.add(c.sendBinary(big.clone()));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void whenWritableTellsWhenAStalledPeerHasRoomAgain() throws Exception {
    CountDownLatch resume = new CountDownLatch(1);
    try (HostileServer slow = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, ""));
      resume.await(20, TimeUnit.SECONDS); // reads nothing until told
      HostileServer.drain(s, 10_000);
    })) {
      Recorder r = new Recorder(slow.uri("/"));
      Connection c = client.connect(r, r.options().outboundBufferLimit(64 * 1024).build()).get(10, TimeUnit.SECONDS);
      byte[] chunk = new byte[16 * 1024];
      // Send as a flow-controlled sender would: on BUFFER_FULL, wait for room. Loopback kernel buffers take
      // a few MiB before the peer's stall shows, and then the room stops coming.
      CompletableFuture<Void> room = null;
      int bufferFull = 0;
      for (int i = 0; i < 100_000; i++) {
        CompletableFuture<Void> f = c.sendBinary(chunk);
        if (!f.isCompletedExceptionally()) {
          continue;
        }
        SendException e = (SendException) f.handle((v, x) -> x).join();
        assertThat(e.reason()).isEqualTo(SendException.Reason.BUFFER_FULL);
        bufferFull++;
        room = c.whenWritable();
        try {
          room.get(500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stalled) {
          break;
        }
      }
      assertThat(bufferFull).as("the limit was reached").isPositive();
      assertThat(room).as("no room while the peer reads nothing").isNotNull().isNotDone();
      resume.countDown();
      room.get(10, TimeUnit.SECONDS);
      assertThat(c.sendBinary(chunk).get(10, TimeUnit.SECONDS)).isNull();
      c.close();
    }
  }

  @Test
  void aTlsHandshakeThatStallsObeysTheAttemptTimeoutNotNettys10SecondsAndIsRetriable() throws Exception {
    try (HostileServer stall = HostileServer.startRaw((s, request) -> HostileServer.drain(s, 30_000))) {
      Recorder r = new Recorder(ConnectionInfo.builder(java.net.URI.create("wss://localhost:" + stall.port() + "/"))
          .timeout(Duration.ofSeconds(11)));
      r.policy = e -> Result.stop();
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(20, TimeUnit.SECONDS)).cause()
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("the attempt's 11 s, not Netty's 10 s handshake timeout").isGreaterThan(Duration.ofMillis(10_800));
      assertThat(r.errors.get(0).isRetriable()).isTrue();
    }
  }

  @Test
  void aPeerThatClosesMidHandshakeIsRetriable() throws Exception {
    try (HostileServer hangUp = HostileServer.startRaw((s, request) -> {
      s.getInputStream().read(new byte[512]); // the ClientHello, then hang up
    })) {
      Recorder r = new Recorder(ConnectionInfo.builder(java.net.URI.create("wss://localhost:" + hangUp.port() + "/")));
      r.policy = e -> Result.stop();
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS));
      assertThat(r.errors.get(0).isRetriable()).as("%s", r.errors.get(0).cause()).isTrue();
    }
  }

  @Test
  void anOversizedOrThrowingPingPayloadFallsBackToAnEmptyPingReportedOnce() throws Exception {
    for (boolean throwing : new boolean[] {false, true}) {
      Recorder r = new Recorder(echo.uri("/echo")) {
        @Override
        public byte[] pingPayload(Connection connection) {
          if (throwing) {
            throw new IllegalStateException("no payload today");
          }
          return new byte[200];
        }
      };
      r.policy = e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED ? Result.ok() : Result.stop();
      Connection c = client.connect(r, r.options().pingInterval(Duration.ofMillis(50)).build()).get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 4; i++) {
        assertThat(r.next(Recorder.Pong.class).payload()).as("an empty ping was answered").isEmpty();
      }
      assertThat(r.errors).as("reported once, not every interval").hasSize(1);
      assertThat(r.errors.get(0).cause()).isInstanceOf(throwing ? IllegalStateException.class
          : IllegalArgumentException.class);
      c.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anOversizedPingPayloadDoesNotSwitchOffDeadPeerDetection() throws Exception {
    Recorder r = new Recorder(echo.uri("/nopong")) {
      @Override
      public byte[] pingPayload(Connection connection) {
        return new byte[126];
      }
    };
    r.policy = e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED ? Result.ok() : Result.stop();
    Connection c = client.connect(r, r.options().pingInterval(Duration.ofMillis(50))
        .pongTimeout(Duration.ofMillis(100)).maxMissedPongs(1).build()).get(10, TimeUnit.SECONDS);
    assertThat(r.next(DisconnectReason.Timeout.class).phase()).isEqualTo(DisconnectReason.Timeout.Phase.PONG);
    c.closeFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anUnpairedSurrogateFailsTheSendInsteadOfSendingAQuestionMark() throws Exception {
    Recorder r = new Recorder(echo.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.sendText("high \uD800 alone").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOf(SendException.class)
        .satisfies(e -> assertThat(((SendException) e).reason()).isEqualTo(SendException.Reason.INVALID_TEXT));
    assertThatThrownBy(() -> c.sendText("low \uDC00 alone").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOf(SendException.class);
    c.sendText("a real question? and a pair \uD83D\uDE00").get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("a real question? and a pair \uD83D\uDE00");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCloseReasonThatEndsInsideACharacterIsAnswered1007() throws Exception {
    CompletableFuture<Integer> clientCode = new CompletableFuture<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, ""));
      byte[] kosme = "κόσμε".getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[2 + kosme.length + 1];
      body[0] = 0x03;
      body[1] = (byte) 0xE8; // 1000
      System.arraycopy(kosme, 0, body, 2, kosme.length);
      body[body.length - 1] = (byte) 0xCE; // the first byte of a two-byte character, and nothing after it
      HostileServer.send(s, HostileServer.frame(0x8, true, body));
      clientCode.complete(HostileServer.readFrame(s).closeCode());
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      assertThat(clientCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.INVALID_PAYLOAD);
      assertThat(r.next(DisconnectReason.class)).isInstanceOf(DisconnectReason.ProtocolError.class)
          .extracting(d -> ((DisconnectReason.ProtocolError) d).code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }
  }

  /** Small frames wait in one buffer until the flush; a close in the same callback must not overtake them. */
  @Test
  void textsSentBeforeACloseInTheSameCallbackArriveBeforeIt() throws Exception {
    CompletableFuture<List<String>> received = new CompletableFuture<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, ""));
      List<String> frames = new ArrayList<>();
      for (HostileServer.ClientFrame f = HostileServer.readFrame(s); ; f = HostileServer.readFrame(s)) {
        frames.add(f.opcode() == 0x8 ? "close " + f.closeCode() : new String(f.payload(), StandardCharsets.UTF_8));
        if (f.opcode() == 0x8) {
          break;
        }
      }
      received.complete(frames);
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      r.onOpen = c -> {
        c.sendText("one");
        c.sendText("two");
        c.sendText("three");
        return Result.close(CloseCodes.NORMAL, "done");
      };
      client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly("one", "two", "three", "close 1000");
    }
  }

  @Test
  void anUpgradeThatNamesAnExtensionTheClientDidNotOfferFails() throws Exception {
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
      HostileServer.drain(s, 5000);
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS)).cause()
          .hasMessageContaining("permessage-deflate").hasMessageContaining("did not offer");
    }
  }

  @Test
  void a101WithoutAcceptFailsAtOnceNotAtTheConnectTimeout() throws Exception {
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      HostileServer.drain(s, 10_000);
    })) {
      Recorder r = new Recorder(ConnectionInfo.builder(server.uri("/")).timeout(Duration.ofSeconds(8)));
      r.policy = e -> Result.stop();
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS)).cause()
          .hasMessageContaining("without Sec-WebSocket-Accept");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedHandshakeWithBytesAfterThe101LeaksNothingAcrossReconnects() throws Exception {
    try (HostileServer server = HostileServer.start((s, request) -> {
      byte[] badAccept = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBhbnN3ZXI=\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      byte[] text = HostileServer.frame(0x1, true, "early".getBytes(StandardCharsets.UTF_8));
      byte[] both = Arrays.copyOf(badAccept, badAccept.length + text.length);
      System.arraycopy(text, 0, both, badAccept.length, text.length);
      HostileServer.send(s, both);
      HostileServer.drain(s, 2000);
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> e.attempt() < 20 ? Result.reconnect(Duration.ofMillis(5)) : Result.stop();
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(30, TimeUnit.SECONDS));
      assertThat(server.accepted.get()).isEqualTo(20);
      LeakRecorder.assertNoLeaks();
    }
  }
}
