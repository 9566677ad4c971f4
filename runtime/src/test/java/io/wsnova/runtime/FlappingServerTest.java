package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.LiveServerTest;
import io.wsnova.runtime.testing.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that upgrades and drops at once is backed off from, not hammered: short lives count as failures. */
class FlappingServerTest extends LiveServerTest {

  @Test
  void theDelaysGrowAcrossShortLivedConnections() throws Exception {
    ExponentialBackoff backoff = ExponentialBackoff.builder().base(Duration.ofMillis(40)).cap(Duration.ofSeconds(5))
        .jitter(0).maxAttempts(5).build();
    Recorder r = new Recorder(server.uri("/close/1000"));
    List<Long> disconnectedAt = new ArrayList<>();
    r.policy = e -> {
      synchronized (disconnectedAt) {
        disconnectedAt.add(System.nanoTime());
      }
      return backoff.onError(e);
    };
    Connection c = client.connect(r, r.options().stableAfter(Duration.ofSeconds(2)).build()).get(10, TimeUnit.SECONDS);
    DisconnectReason last = c.closeFuture().get(20, TimeUnit.SECONDS);

    List<ErrorEvent> events = new ArrayList<>(r.errors);
    assertThat(events).extracting(ErrorEvent::attempt).containsExactly(1, 2, 3, 4, 5);
    assertThat(events).extracting(ErrorEvent::shortLivesInARow).containsExactly(1, 2, 3, 4, 5);
    assertThat(events).allSatisfy(e -> assertThat(e.connectedFor()).isLessThan(Duration.ofSeconds(2)));
    assertThat(last).isEqualTo(new DisconnectReason.Closed(1000, "bye"));
    // The gaps between one disconnect and the next grow with the backoff: 40, 80, 160, 320 ms.
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < disconnectedAt.size(); i++) {
      gaps.add(TimeUnit.NANOSECONDS.toMillis(disconnectedAt.get(i) - disconnectedAt.get(i - 1)));
    }
    assertThat(gaps).hasSize(4);
    assertThat(gaps.get(3)).as("gaps %s", gaps).isGreaterThan(gaps.get(0) * 4);
    assertThat(gaps.get(3)).isGreaterThanOrEqualTo(320);
  }

  @Test
  void aConnectionThatLivedLongEnoughResetsTheCount() throws Exception {
    Recorder r = new Recorder(server.uri("/close/1000"));
    r.policy = e -> Result.stop();
    Connection c = client.connect(r, r.options().stableAfter(Duration.ZERO).build()).get(10, TimeUnit.SECONDS);
    c.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(r.errors).singleElement().satisfies(e -> {
      assertThat(e.attempt()).isZero();
      assertThat(e.shortLivesInARow()).isZero();
    });
  }
}
