package io.wsnova.bench.clients;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * For client APIs that allow one send in flight at a time (the JDK's, Jetty's, Jakarta's async remote):
 * queues the rest and sends each when the previous completes, as an application using them must.
 */
final class SerialSender {
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final BiConsumer<String, Runnable> sendThenCall;
  private boolean busy;

  /** {@code sendThenCall.accept(text, done)} must send {@code text} and run {@code done} when it completed. */
  SerialSender(BiConsumer<String, Runnable> sendThenCall) {
    this.sendThenCall = sendThenCall;
  }

  void send(String text) {
    synchronized (this) {
      if (busy) {
        queue.add(text);
        return;
      }
      busy = true;
    }
    sendThenCall.accept(text, this::done);
  }

  private void done() {
    String next;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        busy = false;
        return;
      }
    }
    sendThenCall.accept(next, this::done);
  }
}
