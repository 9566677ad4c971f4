package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.Frame;
import io.wsnova.runtime.NotReadyQueue;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.SendOptions;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the connection is ready (upgraded, and on connect's stage completed), the future that says
 * so, renewed for every connection, and the bounded queue of sends that wait for it. Confined to the
 * connection's event loop, but {@link #ready()} and {@link #isReady()}, which any thread may read.
 */
public final class ReadinessGate {
  /** Where a send that may go now goes. */
  @FunctionalInterface
  public interface Sender {
    void send(Frame frame, CompletableFuture<Void> result, SendOptions options);
  }

  private record Queued(Frame frame, CompletableFuture<Void> result, SendOptions options, long bytes,
      ScheduledFuture<?> expiry) {}

  /** The sends waiting for readiness, their bytes, and their bounds. */
  private static final class Waiting {
    final NotReadyQueue limits;
    final ArrayDeque<Queued> queue = new ArrayDeque<>(0);
    long bytes;

    Waiting(NotReadyQueue limits) {
      this.limits = limits;
    }
  }

  // The loop and the sender are given by the calls that need them, not kept, and the queue's state is one
  // object that only a connection with a not-ready queue has: one gate per connection of a fleet.
  /** {@code null} without a not-ready queue configured (most connections). */
  private final Waiting waiting;
  /**
   * The future {@link #ready()} gives for this connection; made by the first who asks, as most
   * connections are never asked. Guarded by this, like {@link #notReady}.
   */
  private CompletableFuture<Void> ready;
  /** Why this connection will not be ready (on connect's stage failed, or stopped); null while it may be. */
  private Throwable notReady;
  private volatile boolean isReady;

  /** {@code limits} {@code null}: no queue, sends while not ready fail at once. */
  public ReadinessGate(NotReadyQueue limits) {
    this.waiting = limits == null ? null : new Waiting(limits);
  }

  public synchronized CompletableFuture<Void> ready() {
    if (ready == null) {
      ready = new CompletableFuture<>();
      if (isReady) {
        ready.complete(null);
      } else if (notReady != null) {
        ready.completeExceptionally(notReady);
      }
    }
    return ready;
  }

  /** Whether sends made while not ready wait here (a not-ready queue is configured) rather than fail. */
  public boolean holdsSends() {
    return waiting != null;
  }

  public boolean isReady() {
    return isReady;
  }

  /** Sends waiting for readiness. */
  public int queued() {
    return waiting == null ? 0 : waiting.queue.size();
  }

  /** A connection opened: it is not ready yet, and gets a future of its own if the last one is spent. */
  public void opened() {
    isReady = false;
    renew();
  }

  /** The connection is ready: what waited goes out to {@code sender}, in order, then the future completes. */
  public void markReady(Sender sender) {
    isReady = true;
    while (waiting != null && !waiting.queue.isEmpty()) {
      Queued q = waiting.queue.poll();
      waiting.bytes -= q.bytes;
      q.expiry.cancel(false);
      sender.send(q.frame, q.result, q.options);
    }
    CompletableFuture<Void> f;
    synchronized (this) {
      f = ready;
    }
    if (f != null) {
      f.complete(null);
    }
  }

  /** On connect's stage failed: this connection will not be ready (the ErrorHandler decides what next). */
  public void failed(Throwable cause) {
    notReadyBecause(cause);
  }

  /** The connection dropped: not ready, and a new future for the next one. */
  public void dropped() {
    isReady = false;
    renew();
  }

  /** The connection stopped for good: what waits fails with {@code why}, and so does the future. */
  public void stopped(SendException why) {
    isReady = false;
    if (waiting != null) {
      Queued q;
      while ((q = waiting.queue.poll()) != null) {
        q.expiry.cancel(false);
        q.result.completeExceptionally(why);
      }
      waiting.bytes = 0;
    }
    notReadyBecause(why);
  }

  /** A new connection may be ready: a spent future gives way to the next one asked for. */
  private synchronized void renew() {
    notReady = null;
    if (ready != null && ready.isDone()) {
      ready = null;
    }
  }

  private void notReadyBecause(Throwable cause) {
    CompletableFuture<Void> f;
    synchronized (this) {
      notReady = cause;
      f = ready;
    }
    if (f != null) {
      f.completeExceptionally(cause);
    }
  }

  /**
   * A send while not ready: it waits in the queue, or fails with {@code notConnected} when there is no
   * queue, with QUEUE_FULL beyond its bounds, and with QUEUE_TIMEOUT after its maximum wait (timed on
   * {@code loop}).
   */
  public void hold(Frame frame, CompletableFuture<Void> result, SendOptions options, SendException notConnected,
      ScheduledExecutorService loop) {
    Waiting w = waiting;
    if (w == null) {
      result.completeExceptionally(notConnected);
      return;
    }
    long bytes = frame.type() == io.wsnova.runtime.FrameType.TEXT ? frame.text().length() : frame.bytes().length;
    if (w.queue.size() >= w.limits.maxMessages() || w.bytes + bytes > w.limits.maxBytes()) {
      result.completeExceptionally(new SendException(SendException.Reason.QUEUE_FULL, "the not-ready queue holds "
          + w.queue.size() + " sends (" + w.bytes + " bytes), its bound (NotReadyQueue)"));
      return;
    }
    Queued[] self = new Queued[1];
    ScheduledFuture<?> expiry = loop.schedule(() -> {
      if (w.queue.remove(self[0])) {
        w.bytes -= self[0].bytes;
        result.completeExceptionally(new SendException(SendException.Reason.QUEUE_TIMEOUT, "waited "
            + w.limits.maxWait().toMillis() + " ms for the connection to be ready (NotReadyQueue.maxWait)"));
      }
    }, w.limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
    self[0] = new Queued(frame, result, options, bytes, expiry);
    w.queue.add(self[0]);
    w.bytes += bytes;
  }
}
