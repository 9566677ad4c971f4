package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closes from either side, rejected upgrades, timeouts, and what the ErrorHandler is asked. */
class LifecycleTest extends LiveServerTest {
  @Test
  void aCloseFromTheServerReachesOnDisconnectAndIsAnswered() throws Exception {
    server.closeCodes.clear();
    Recorder r = new Recorder(server.uri("/close/4001"));
    r.policy = e -> Result.stop();
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    Frame close = r.nextData(FrameType.CLOSE);
    assertThat(close.closeCode()).isEqualTo(4001);
    assertThat(r.next(DisconnectReason.class)).isEqualTo(new DisconnectReason.Closed(4001, "bye"));
    assertThat(server.awaitCloseCode(4001)).as("the client echoed the code").isEqualTo(4001);
    ErrorEvent asked = r.next(ErrorEvent.class);
    assertThat(asked.kind()).isEqualTo(ErrorEvent.Kind.DISCONNECTED);
    assertThat(asked.attempt()).as("a connection closed at once is a short life: one failure").isEqualTo(1);
    assertThat(asked.shortLivesInARow()).isEqualTo(1);
    assertThat(asked.connectedFor()).isLessThan(Options.DEFAULT_STABLE_AFTER);
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.Closed(4001, "bye"));
  }

  @Test
  void theCloseAndReadyFuturesAskedForOnlyAfterTheStopAreAlreadyComplete() throws Exception {
    // Both futures are made by the first who asks; here nobody asks until the connection has stopped.
    Recorder r = new Recorder(server.uri("/close/4001"));
    r.policy = e -> Result.stop();
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(r.next(DisconnectReason.class)).isEqualTo(new DisconnectReason.Closed(4001, "bye"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (c.status().get(10, TimeUnit.SECONDS).state() != ConnectionStatus.State.STOPPED
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(c.closeFuture()).isCompletedWithValue(new DisconnectReason.Closed(4001, "bye"));
    assertThat(c.closeFuture()).as("the same future every time").isSameAs(c.closeFuture());
    assertThat(c.ready()).isCompletedExceptionally();
    assertThatThrownBy(() -> c.ready().get()).cause().isInstanceOf(SendException.class);
  }

  @Test
  void theReadyFutureAskedForAfterReadinessIsComplete() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    c.sendText("a round trip, so on connect has run").get(10, TimeUnit.SECONDS);
    r.nextData(FrameType.TEXT);
    assertThat(c.ready()).isCompleted();
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anUpgradeAnswered401IsNotRetried() {
    Recorder r = new Recorder(server.uri("/reject/401"));
    r.policy = ErrorHandler.defaultHandler()::onError;

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UpgradeRejectedException.class)
        .hasMessage("upgrade rejected: HTTP 401 Unauthorized");
    assertThat(r.errors).hasSize(1);
    assertThat(r.errors.get(0).isRetriable()).isFalse();
  }

  @Test
  void anUpgradeAnswered503IsRetriedUntilTheErrorHandlerGivesUp() {
    Recorder r = new Recorder(server.uri("/reject/503"));
    r.policy = e -> e.attempt() < 3 ? Result.reconnect(Duration.ofMillis(10)) : Result.stop();

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(UpgradeRejectedException.class)
        .hasMessageContaining("503 Service Unavailable");
    assertThat(r.errors).extracting(ErrorEvent::attempt).containsExactly(1, 2, 3);
    assertThat(r.errors).allMatch(e -> e.kind() == ErrorEvent.Kind.CONNECT_FAILED && e.isRetriable());
  }

  @Test
  void anUpgradeThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // The kernel accepts the TCP connection into the backlog; nobody ever reads or answers.
      Recorder r = new Recorder(ConnectionInfo.builder(URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/"))
          .timeout(Duration.ofMillis(300)));
      r.policy = e -> Result.stop();
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(java.util.concurrent.TimeoutException.class)
          .hasMessageContaining("the upgrade took longer than 300 ms");
      assertThat(r.next(DisconnectReason.Timeout.class).phase()).isEqualTo(DisconnectReason.Timeout.Phase.UPGRADE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Recorder r = new Recorder(URI.create("ws://127.0.0.1:" + port + "/"));
    r.policy = e -> e.attempt() < 2 ? Result.reconnect(Duration.ofMillis(10)) : Result.stop();

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(java.net.ConnectException.class);
    assertThat(r.errors).extracting(ErrorEvent::attempt).containsExactly(1, 2);
  }

  @Test
  void invalidConnectionInfoIsNotRetriedAndNamesTheField() {
    Recorder r = new Recorder(ConnectionInfo.builder(URI.create("ws://127.0.0.1:1/")).port(70000));
    r.policy = ErrorHandler.defaultHandler()::onError;

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(InvalidConnectionInfoException.class)
        .hasMessage("invalid connection info: port must be in 1..65535, was 70000");
    assertThat(r.errors).hasSize(1);
  }

  @Test
  void aHandlerWithoutAnAdapterIsRefusedAtOnce() {
    assertThatThrownBy(() -> client.connect(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.ObjectConnectionHandler was not found")
        .hasMessageContaining("wsnova-processor on the annotation processor path");
  }
}
