package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heartbeat on virtual time: exact intervals, exact round trips, and the missed-pong rule. */
class HeartbeatUnitTest {
  /** Records what the heartbeat asks of its connection, stamped with the virtual time. */
  private final class RecordingPeer implements Heartbeat.Peer {
    final List<Long> pingsAtMillis = new ArrayList<>();
    DisconnectReason.Timeout dead;

    @Override
    public byte[] heartbeatPayload(Attempt a) {
      return new byte[] {(byte) pingsAtMillis.size()};
    }

    @Override
    public byte[] userPingPayload() {
      return new byte[] {42};
    }

    @Override
    public void writePing(Attempt a, byte[] payload, CompletableFuture<Void> result) {
      pingsAtMillis.add(now());
    }

    @Override
    public void closeDead(Attempt a, DisconnectReason.Timeout why) {
      dead = why;
    }

    @Override
    public EventLoop loop() {
      return loop;
    }
  }

  private EmbeddedChannel channel;
  private EventLoop loop;
  private long start;
  private final RecordingPeer peer = new RecordingPeer();
  private final Attempt attempt = new Attempt(null);

  @BeforeEach
  void freezeTime() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    loop = channel.eventLoop();
    start = loop.ticker().nanoTime();
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private long now() {
    return TimeUnit.NANOSECONDS.toMillis(loop.ticker().nanoTime() - start);
  }

  private void advance(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  private Heartbeat heartbeat(Options options) {
    return new Heartbeat(peer, options);
  }

  @Test
  void pingsAtExactlyTheInterval() {
    Heartbeat hb = heartbeat(Options.builder().build());
    hb.start(attempt, Duration.ofSeconds(5));
    advance(4_999);
    assertThat(peer.pingsAtMillis).isEmpty();
    advance(1);
    assertThat(peer.pingsAtMillis).containsExactly(5_000L);
    for (int i = 0; i < 3; i++) {
      hb.pongReceived(new byte[] {(byte) i});
      advance(5_000);
    }
    assertThat(peer.pingsAtMillis).containsExactly(5_000L, 10_000L, 15_000L, 20_000L);
  }

  @Test
  void theRoundTripIsTheTimeSinceThePingItAnswers() {
    Heartbeat hb = heartbeat(Options.builder().build());
    hb.start(attempt, Duration.ofSeconds(1));
    advance(1_000);
    advance(0);
    channel.advanceTimeBy(320, TimeUnit.MILLISECONDS);
    assertThat(hb.pongReceived(new byte[] {0})).isEqualTo(Duration.ofMillis(320));
    assertThat(hb.pongReceived(new byte[] {9})).as("a pong that answers no ping of ours").isNull();
    assertThat(hb.lastRoundTrip()).isEqualTo(Duration.ofMillis(320));
  }

  @Test
  void missingMorePongsThanToleratedDeclaresThePeerDead() {
    Heartbeat hb = heartbeat(Options.builder().pongTimeout(Duration.ofSeconds(2)).maxMissedPongs(1).build());
    hb.start(attempt, Duration.ofSeconds(5));
    advance(5_000);
    advance(2_000);
    assertThat(hb.missedPongs()).isEqualTo(1);
    assertThat(peer.dead).as("one miss is tolerated").isNull();
    advance(3_000);
    advance(2_000);
    assertThat(peer.dead).isNotNull();
    assertThat(peer.dead.phase()).isEqualTo(DisconnectReason.Timeout.Phase.PONG);
    assertThat(peer.dead.after()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anyPongForgivesTheMisses() {
    Heartbeat hb = heartbeat(Options.builder().pongTimeout(Duration.ofSeconds(2)).maxMissedPongs(1).build());
    hb.start(attempt, Duration.ofSeconds(5));
    advance(5_000);
    advance(2_000);
    assertThat(hb.missedPongs()).isEqualTo(1);
    hb.pongReceived(new byte[] {7});
    assertThat(hb.missedPongs()).isZero();
    advance(3_000);
    advance(2_000);
    assertThat(peer.dead).isNull();
  }

  @Test
  void stoppingCancelsEveryTimer() {
    Heartbeat hb = heartbeat(Options.builder().pongTimeout(Duration.ofSeconds(1)).maxMissedPongs(0).build());
    hb.start(attempt, Duration.ofSeconds(1));
    advance(1_000);
    hb.stop();
    advance(10_000);
    assertThat(peer.pingsAtMillis).containsExactly(1_000L);
    assertThat(peer.dead).isNull();
  }
}
