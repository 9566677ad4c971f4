package io.wsnova.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Time moves only when told, tasks run in time order on the caller's thread, cancelled ones never. */
class VirtualClockTest {
  @Test
  void tasksRunInTimeOrderAsTimeMoves() {
    VirtualClock clock = new VirtualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(() -> ran.add("b@20"), 20, TimeUnit.MILLISECONDS);
    clock.schedule(() -> ran.add("a@10"), 10, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> periodic = clock.scheduleAtFixedRate(() -> ran.add("p@" + clock.elapsed().toMillis()), 15, 15,
        TimeUnit.MILLISECONDS);
    ScheduledFuture<?> cancelled = clock.schedule(() -> ran.add("never"), 5, TimeUnit.MILLISECONDS);
    cancelled.cancel(false);
    assertThat(clock.pendingTasks()).isEqualTo(3);

    clock.advance(Duration.ofMillis(31));
    assertThat(ran).containsExactly("a@10", "p@15", "b@20", "p@30");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(31));
    periodic.cancel(false);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void executeRunsAtTheEndOfTheStepNotInTheCaller() {
    VirtualClock clock = new VirtualClock();
    List<String> ran = new ArrayList<>();
    clock.execute(() -> ran.add("later"));
    assertThat(ran).isEmpty();
    clock.runReady();
    assertThat(ran).containsExactly("later");
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).hasMessageContaining("only moves forward");
  }
}
