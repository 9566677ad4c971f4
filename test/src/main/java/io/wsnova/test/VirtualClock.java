package io.wsnova.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The harness's event loop: a {@link ScheduledExecutorService} whose time moves only when told to, and
 * which runs everything on the thread that moves it. Tasks given to {@code execute} run at the end of the
 * harness step that gave them, as on an event loop, never inside the caller.
 */
public final class VirtualClock extends AbstractExecutorService implements ScheduledExecutorService {
  private final PriorityQueue<Task<?>> scheduled = new PriorityQueue<>();
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private long nanos;
  private long sequence;

  /** Time since the harness started. */
  public Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /** The clock in nanoseconds, as {@link System#nanoTime()} would be read. */
  public long nanoTime() {
    return nanos;
  }

  /** Tasks scheduled and not yet run (periodic ones count once). */
  public int pendingTasks() {
    return (int) scheduled.stream().filter(t -> !t.isCancelled()).count();
  }

  /** Moves time forward by {@code step}, running every task that falls due, in time order. */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + step);
    }
    long target = nanos + step.toNanos();
    runReady();
    while (!scheduled.isEmpty() && scheduled.peek().at <= target) {
      Task<?> next = scheduled.poll();
      if (next.isCancelled()) {
        continue;
      }
      nanos = Math.max(nanos, next.at);
      next.run();
      runReady();
    }
    nanos = target;
  }

  /** Runs what was handed to {@link #execute}, and what that handed on, now. */
  public void runReady() {
    for (Runnable r = ready.poll(); r != null; r = ready.poll()) {
      r.run();
    }
  }

  @Override
  public void execute(Runnable command) {
    ready.add(command);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task<>(Executors.callable(command, null), at(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, at(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(new Task<>(Executors.callable(command, null), at(initialDelay, unit), positive(period, unit)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return scheduleAtFixedRate(command, initialDelay, delay, unit); // tasks take no virtual time
  }

  private long at(long delay, TimeUnit unit) {
    return nanos + Math.max(0, unit.toNanos(delay));
  }

  private static long positive(long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    return unit.toNanos(period);
  }

  private <V> Task<V> add(Task<V> task) {
    scheduled.add(task);
    return task;
  }

  /** Never shuts down: the harness owns it and it holds no threads. */
  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }

  private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    private long at;
    private final long period;
    private final long order = sequence++;

    Task(Callable<V> callable, long at, long period) {
      super(callable);
      this.at = at;
      this.period = period;
    }

    @Override
    public boolean isPeriodic() {
      return period > 0;
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
      } else if (runAndReset()) {
        at += period;
        scheduled.add(this);
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> o = (Task<?>) other;
      int byTime = Long.compare(at, o.at);
      return byTime != 0 ? byTime : Long.compare(order, o.order);
    }

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
