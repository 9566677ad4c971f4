package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An attempt's time left is its timer's delay: no deadline is kept beside it. */
class AttemptTest {

  @Test
  void timeLeftFollowsTheTimerAndIsZeroWithoutOne() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    Attempt attempt = new Attempt(null);
    assertThat(attempt.nanosLeft()).as("no timer yet").isZero();
    attempt.timeout = channel.eventLoop().schedule(() -> { }, 10, TimeUnit.SECONDS);
    assertThat(attempt.nanosLeft()).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    channel.advanceTimeBy(4, TimeUnit.SECONDS);
    assertThat(attempt.nanosLeft()).isEqualTo(TimeUnit.SECONDS.toNanos(6));
    channel.advanceTimeBy(7, TimeUnit.SECONDS);
    assertThat(attempt.nanosLeft()).as("past the deadline, never negative").isZero();
    attempt.cancelTimeout();
    assertThat(attempt.nanosLeft()).as("timer cancelled").isZero();
    channel.finishAndReleaseAll();
  }
}
