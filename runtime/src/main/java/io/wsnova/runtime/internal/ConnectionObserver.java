package io.wsnova.runtime.internal;

import io.wsnova.runtime.Callback;
import io.wsnova.runtime.ConnectionListener;
import io.wsnova.runtime.FrameType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection tells the outside about itself, apart from its lifecycle log lines: the
 * {@link ConnectionListener} events, and the warnings when the user's code holds the event loop too long.
 * A listener that throws is logged (rate-limited) and never disturbs the connection.
 */
final class ConnectionObserver {
  /** The connection's logger category, so that one setting covers all its lines. */
  private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);
  // Two fields: the log, the options and the handler's name are the connection's, asked when needed and not
  // kept again (one observer per connection of a fleet).
  private final ManagedConnection connection;
  private final ConnectionListener listener;

  ConnectionObserver(ManagedConnection connection, ConnectionListener listener) {
    this.connection = connection;
    this.listener = listener;
  }

  /** Hands one event to the listener. */
  void notify(Consumer<ConnectionListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
  }

  /** The hot path's event: no lambda, no allocation unless tracing. */
  void received(FrameType type, int size, Object payloadForTrace) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} received {} of {} bytes{}", connection.log().label(), type, size,
          connection.options().logPayloads() ? ": " + payloadForTrace : "");
    }
    try {
      listener.messageReceived(connection, type, size);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
  }

  void sent(FrameType type, int bytes) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} sent {} of {} bytes", connection.log().label(), type, bytes);
    }
    try {
      listener.messageSent(connection, type, bytes);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
  }

  /** A callback took {@code nanos}: tell the listener, and say so when it held the event loop too long. */
  void callbackCompleted(Callback callback, long nanos, Throwable failure) {
    if (nanos > slowNanos()) {
      LOG.warn("{} the {} callback ({}) ran for {}: it held up every connection on this event loop. Hand slow"
          + " work to an executor of your own", connection.log().label(), callback.label(), handlerName(),
          ConnectionLog.human(Duration.ofNanos(nanos)));
    }
    try {
      listener.callbackCompleted(connection, callback, nanos, failure);
    } catch (RuntimeException e) {
      listenerFailed(e);
    }
  }

  /**
   * Completes a future the user may have chained on: the continuations run here, on the event loop, so a
   * slow one is said to be slow, like a slow callback.
   */
  <T> void complete(CompletableFuture<T> future, T value, String what) {
    long start = System.nanoTime();
    future.complete(value);
    long nanos = System.nanoTime() - start;
    if (nanos > slowNanos()) {
      LOG.warn("{} what was chained on {} ran on the event loop for {}: use the *Async variants with an executor"
          + " of your own for slow work", connection.log().label(), what, ConnectionLog.human(Duration.ofNanos(nanos)));
    }
  }

  /** The handler's class as the user wrote it, for messages about their code. */
  String handlerName() {
    return connection.handler().getClass().getSimpleName(); // the JDK keeps it, once made, with the class
  }

  /** Longer than this, a callback held the loop too long. */
  private long slowNanos() {
    return connection.options().slowCallbackThreshold().toNanos();
  }

  /** A failure's message, and its root cause's when it wraps one: what a log line needs to be read alone. */
  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
  }

  private void listenerFailed(RuntimeException e) {
    connection.log().warnRepeated(LOG, "listener failure", "a ConnectionListener threw; the connection carries on", e);
  }
}
