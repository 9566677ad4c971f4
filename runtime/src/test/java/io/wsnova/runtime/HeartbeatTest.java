package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pings and pongs both ways, the round trip, and a dead peer found by missed pongs. */
class HeartbeatTest extends LiveServerTest {
  /** A recorder whose ping payload is "hb". */
  private static Recorder pinging(String path, Duration interval) {
    return new Recorder(ConnectionInfo.builder(server.uri(path)).pingInterval(interval)) {
      @Override
      public byte[] pingPayload(Connection connection) {
        return "hb".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    };
  }

  /** Over a real socket; the exact interval, on virtual time, is {@code internal.HeartbeatUnitTest}'s. */
  @Test
  void pingsAreAnsweredAndTheRoundTripMeasured() throws Exception {
    Recorder r = pinging("/echo", Duration.ofMillis(100));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    Recorder.Pong first = r.next(Recorder.Pong.class);
    Recorder.Pong second = r.next(Recorder.Pong.class);
    assertThat(first.payload()).isEqualTo("hb");
    assertThat(first.roundTrip()).isPositive().isLessThan(Duration.ofSeconds(1));
    assertThat(second.roundTrip()).isNotNull();
    assertThat(c.status().get(10, TimeUnit.SECONDS).lastRoundTrip()).isNotNull();
    c.close();
  }

  @Test
  void aPingOnDemandIsAnsweredToo() throws Exception {
    Recorder r = pinging("/echo", Duration.ZERO);
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    c.ping().get(10, TimeUnit.SECONDS);
    assertThat(r.next(Recorder.Pong.class).payload()).isEqualTo("hb");
    c.close();
  }

  @Test
  void aServerPingIsAnsweredWithItsPayload() throws Exception {
    server.pongs.clear();
    Recorder r = new Recorder(server.uri("/ping"));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    assertThat(server.pongs.poll(10, TimeUnit.SECONDS)).isEqualTo("are you there");
    assertThat(r.nextData(FrameType.PING).bytes()).asString().isEqualTo("are you there");
    c.close();
  }

  @Test
  void missedPongsCloseWithReasonTimeoutAndTheErrorHandlerDecides() throws Exception {
    Recorder r = pinging("/nopong", Duration.ofMillis(50));
    r.policy = e -> Result.stop();
    Options options = r.options().pongTimeout(Duration.ofMillis(100)).maxMissedPongs(2).build();
    long start = System.nanoTime();
    Connection c = client.connect(r, options).get(10, TimeUnit.SECONDS);

    DisconnectReason reason = r.next(DisconnectReason.class);
    assertThat(reason).isInstanceOf(DisconnectReason.Timeout.class);
    assertThat(((DisconnectReason.Timeout) reason).phase()).isEqualTo(DisconnectReason.Timeout.Phase.PONG);
    // Three pongs missed (two tolerated): not before the third deadline.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    ErrorEvent asked = r.next(ErrorEvent.class);
    assertThat(asked.kind()).isEqualTo(ErrorEvent.Kind.DISCONNECTED);
    assertThat(asked.reason()).isEqualTo(reason);
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(reason);
  }
}
