package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.TimerScope;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tasks a handler schedules on its connection's event loop, so that token refreshes, periodic requests
 * and timeouts need no locks: cancelled when the connection drops or, for session-scoped ones, when it
 * stops. A task that throws is reported and, if periodic, goes on. Any thread may schedule.
 */
public final class ConnectionTimers {
  private final ScheduledExecutorService loop;
  private final Consumer<Throwable> failed;
  private final Set<ScheduledFuture<?>> connectionScoped = ConcurrentHashMap.newKeySet();
  private final Set<ScheduledFuture<?>> sessionScoped = ConcurrentHashMap.newKeySet();

  /** {@code failed} is told what a task threw (on the loop). */
  public ConnectionTimers(ScheduledExecutorService loop, Consumer<Throwable> failed) {
    this.loop = loop;
    this.failed = failed;
  }

  /** A task that reports what it throws instead of ending (Netty would cancel a periodic task that throws). */
  public Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        failed.accept(e);
      }
    };
  }

  public ScheduledFuture<?> schedule(Runnable task, Duration delay, TimerScope scope) {
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    Set<ScheduledFuture<?>> tracked = scope == TimerScope.SESSION ? sessionScoped : connectionScoped;
    self[0] = loop.schedule(() -> {
      tracked.remove(self[0]);
      guarded(task).run();
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
    tracked.add(self[0]);
    return self[0];
  }

  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period,
      TimerScope scope) {
    ScheduledFuture<?> f = loop.scheduleAtFixedRate(guarded(task), initialDelay.toNanos(), period.toNanos(),
        TimeUnit.NANOSECONDS);
    (scope == TimerScope.SESSION ? sessionScoped : connectionScoped).add(f);
    return f;
  }

  /** Scheduled tasks not yet run or cancelled. */
  public int pending() {
    connectionScoped.removeIf(ScheduledFuture::isDone);
    sessionScoped.removeIf(ScheduledFuture::isDone);
    return connectionScoped.size() + sessionScoped.size();
  }

  /** The connection dropped: its own tasks end. */
  public void connectionDropped() {
    connectionScoped.forEach(f -> f.cancel(false));
    connectionScoped.clear();
  }

  /** The connection stopped: every task ends. */
  public void stopped() {
    connectionDropped();
    sessionScoped.forEach(f -> f.cancel(false));
    sessionScoped.clear();
  }
}
