package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
import io.wsnova.runtime.SendException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/** Getting onto a connection's event loop from any thread. */
final class Loops {
  private Loops() {}

  /**
   * Runs {@code task} on {@code loop}: at once when called there, else queued. When the loop no longer
   * takes tasks (the client is closed), {@code failOnReject}, if not {@code null}, fails with CLOSED.
   */
  static void onLoop(EventLoop loop, Runnable task, CompletableFuture<?> failOnReject) {
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      if (failOnReject != null) {
        failOnReject.completeExceptionally(new SendException(SendException.Reason.CLOSED, "the client is closed", e));
      }
    }
  }
}
