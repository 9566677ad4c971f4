package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.TimerScope;
import java.time.Duration;
import java.util.Map;
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
  /** Tasks not yet run, with their scope; created by the first one (most connections schedule none). */
  private volatile Map<ScheduledFuture<?>, TimerScope> tracked;

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
    Map<ScheduledFuture<?>, TimerScope> all = tracked();
    self[0] = loop.schedule(() -> {
      all.remove(self[0]);
      guarded(task).run();
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
    all.put(self[0], scope);
    return self[0];
  }

  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period,
      TimerScope scope) {
    ScheduledFuture<?> f = loop.scheduleAtFixedRate(guarded(task), initialDelay.toNanos(), period.toNanos(),
        TimeUnit.NANOSECONDS);
    tracked().put(f, scope);
    return f;
  }

  private Map<ScheduledFuture<?>, TimerScope> tracked() {
    Map<ScheduledFuture<?>, TimerScope> t = tracked;
    if (t == null) {
      synchronized (this) {
        t = tracked;
        if (t == null) {
          t = new ConcurrentHashMap<>();
          tracked = t;
        }
      }
    }
    return t;
  }

  /** Scheduled tasks not yet run or cancelled. */
  public int pending() {
    Map<ScheduledFuture<?>, TimerScope> t = tracked;
    if (t == null) {
      return 0;
    }
    t.keySet().removeIf(ScheduledFuture::isDone);
    return t.size();
  }

  /** The connection dropped: its own tasks end. */
  public void connectionDropped() {
    cancel(TimerScope.CONNECTION);
  }

  /** The connection stopped: every task ends. */
  public void stopped() {
    cancel(TimerScope.CONNECTION);
    cancel(TimerScope.SESSION);
  }

  private void cancel(TimerScope scope) {
    Map<ScheduledFuture<?>, TimerScope> t = tracked;
    if (t != null) {
      t.entrySet().removeIf(e -> {
        if (e.getValue() != scope) {
          return false;
        }
        e.getKey().cancel(false);
        return true;
      });
    }
  }
}
