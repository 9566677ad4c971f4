package io.wsnova.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.UpgradeRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scripted server against the real client, through the JUnit 5 extension. */
@ExtendWith(MockWebSocketServerExtension.class)
class MockWebSocketServerTest {
  private final NovaClient client = NovaClient.create();
  private final List<ErrorEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private Connection connect(MockWebSocketServer server, Object handler, Result decision, Options.Builder more)
      throws Exception {
    Options options = more.uri(server.uri("/feed?key=1")).errorHandler(e -> {
      events.add(e);
      return decision;
    }).build();
    return client.connect(handler, options).get(10, TimeUnit.SECONDS);
  }

  @Test
  void enqueuedFramesReachTheHandlerAndWhatItSendsIsTaken(MockWebSocketServer server) throws Exception {
    server.enqueueText("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"price\":1.5}");
    Feed feed = new Feed();
    connect(server, feed, Result.stop(), Options.builder());
    assertThat(server.takeUpgrade().uri()).isEqualTo("/feed?key=1");
    assertThat(server.takeText()).isEqualTo("{\"n\":1,\"op\":\"subscribe\",\"symbol\":\"EURUSD\"}");
    assertThat(server.takeText()).contains("\"op\":\"account\"");
    server.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"main\"}}");
    assertThat(feed.account.get(10, TimeUnit.SECONDS)).isEqualTo(new Feed.Account("main"));
    synchronized (feed) {
      assertThat(feed.ticks).containsExactly(new Feed.Tick("tick", "EURUSD", 1.5));
    }
  }

  @Test
  void aCloseWithACodeReachesOnDisconnect(MockWebSocketServer server) throws Exception {
    Feed feed = new Feed();
    Connection c = connect(server, feed, Result.stop(), Options.builder());
    server.takeText();
    server.close(1001, "going away");
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.Closed(1001, "going away"));
  }

  @Test
  void aDroppedConnectionIsATransportErrorAndTheClientReconnects(MockWebSocketServer server) throws Exception {
    Feed feed = new Feed();
    connect(server, feed, Result.reconnect(Duration.ofMillis(10)), Options.builder());
    server.takeText();
    server.dropConnection();
    server.awaitConnections(2, Duration.ofSeconds(10));
    assertThat(events).anySatisfy(e -> assertThat(e.reason()).isInstanceOf(DisconnectReason.TransportError.class));
  }

  @Test
  void aRefusedUpgradeReachesTheErrorHandlerWithItsStatus(MockWebSocketServer server) throws Exception {
    server.refuseNextUpgrade(503);
    Feed feed = new Feed();
    connect(server, feed, Result.reconnect(Duration.ofMillis(10)), Options.builder());
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.CONNECT_FAILED);
      assertThat(e.cause()).isInstanceOfSatisfying(UpgradeRejectedException.class,
          u -> assertThat(u.status()).isEqualTo(503));
    });
    server.awaitConnections(1, Duration.ofSeconds(10)); // the retry got through (counted on the server's loop)
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsPresumedDead(MockWebSocketServer server) throws Exception {
    server.answerPings(false);
    Feed feed = new Feed();
    Connection c = connect(server, feed, Result.stop(),
        Options.builder().pingInterval(Duration.ofMillis(50)).maxMissedPongs(1));
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(DisconnectReason.Timeout.class,
        t -> assertThat(t.phase()).isEqualTo(DisconnectReason.Timeout.Phase.PONG));
  }

  @Test
  void takingWhatNeverCameFailsTheTest(MockWebSocketServer server) {
    assertThatThrownBy(() -> server.takeFrame(Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("none came");
    assertThatThrownBy(() -> server.send(Frame.text("x"))).hasMessageContaining("no client is connected");
  }
}
