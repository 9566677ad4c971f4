package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The server dies and comes back many times while the client streams: every reconnect goes through the
 * ErrorHandler, the handler object (and its state) is kept, and no thread, file descriptor or buffer leaks.
 */
class ReconnectTest {
  private static final int RESTARTS = 25;

  /** Counts text frames across connections: state that must survive reconnects. */
  static final class Counting extends Recorder {
    int received;

    Counting(java.net.URI uri) {
      super(uri);
    }

    @Override
    public Result onFrame(Frame frame, Connection connection) {
      if (frame.type() == FrameType.TEXT) {
        received++;
      }
      return super.onFrame(frame, connection);
    }

    @Override
    public Object status(Connection connection) {
      return received;
    }
  }

  @Test
  void survivesManyServerRestartsThroughTheErrorHandler() throws Exception {
    TestServer server = TestServer.start();
    warmUp(server); // classes and jars opened once, so that what is counted next is this test's own
    long fdsBefore = openFileDescriptors();
    int threadsBefore = Thread.activeCount();
    try (NovaClient client = NovaClient.builder().threads(2).build()) {
      Counting handler = new Counting(server.uri("/echo"));
      handler.policy = e -> e.isRetriable() ? Result.reconnect(Duration.ofMillis(20)) : Result.stop();
      Connection c = client.connect(handler, handler.options().build()).get(10, TimeUnit.SECONDS);

      AtomicBoolean streaming = new AtomicBoolean(true);
      AtomicInteger refused = new AtomicInteger();
      Thread producer = new Thread(() -> {
        while (streaming.get()) {
          c.sendText("tick").whenComplete((v, e) -> {
            if (e != null) {
              refused.incrementAndGet(); // NOT_CONNECTED while the server is down: said, not dropped
            }
          });
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      producer.start();

      for (int i = 0; i < RESTARTS; i++) {
        handler.next(Recorder.Connected.class);
        handler.nextData(FrameType.TEXT); // the stream flows on this connection before the server goes
        server.stop();
        handler.next(DisconnectReason.class);
        server.restart();
      }
      Recorder.Connected last = handler.next(Recorder.Connected.class);
      handler.nextData(FrameType.TEXT); // and on the last one: every connection has counted at least one
      streaming.set(false);
      producer.join();

      assertThat(last.connectCount()).isEqualTo(RESTARTS + 1);
      assertThat(handler.errors.stream().filter(e -> e.kind() == ErrorEvent.Kind.DISCONNECTED)).hasSize(RESTARTS);
      assertThat((int) c.status().get(10, TimeUnit.SECONDS).handlerStatus())
          .as("the same handler object counted across all connections").isGreaterThan(RESTARTS);
      assertThat(refused.get()).as("sends while down failed visibly").isGreaterThan(0);
      c.close().get(10, TimeUnit.SECONDS);
    } finally {
      server.close();
    }
    awaitAtMost(fdsBefore, ReconnectTest::openFileDescriptors, "file descriptors");
    awaitAtMost(threadsBefore, () -> (long) Thread.activeCount(), "threads");
    LeakRecorder.assertNoLeaks();
  }

  /** One full connect and close, so that what the JVM opens once (jars, classes, native code) is open. */
  private static void warmUp(TestServer server) throws Exception {
    try (NovaClient client = NovaClient.builder().threads(2).build()) {
      Recorder r = new Recorder(server.uri("/echo"));
      Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      c.sendText("warm").get(10, TimeUnit.SECONDS);
      c.close().get(10, TimeUnit.SECONDS);
    }
  }

  /** Waits (up to 10 s, no fixed sleep) for {@code value} to come back down to {@code baseline}. */
  private static void awaitAtMost(long baseline, java.util.function.LongSupplier value, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (value.getAsLong() > baseline && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(value.getAsLong()).as(what).isLessThanOrEqualTo(baseline);
  }

  private static long openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }
}
