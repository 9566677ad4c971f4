package io.wsnova.runtime.internal;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import java.util.function.Consumer;

/**
 * The payload rules of pings: the handler's ping callback gives it, RFC 6455 caps it at 125 bytes. A
 * heartbeat never stops for a bad payload (it pings empty, and the problem reaches the ErrorHandler once
 * per attempt); a ping the user asked for fails instead.
 */
final class PingPayloads {
  private static final byte[] NO_BYTES = new byte[0];
  private static final int MAX = 125;

  private PingPayloads() {}

  /**
   * The payload for the next heartbeat ping: the handler's, or an empty one when that one is no good;
   * {@code report} hears the problem, once per attempt.
   */
  static byte[] forHeartbeat(ConnectionHandler handler, Connection connection, Attempt a,
      Consumer<Throwable> report) {
    byte[] p;
    try {
      p = handler.pingPayload(connection);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      return fallback(a, report, t);
    }
    if (p == null) {
      return NO_BYTES;
    }
    if (p.length > MAX) {
      return fallback(a, report, new IllegalArgumentException("the ping payload is at most 125 bytes (RFC 6455 section"
          + " 5.5), the ping callback gave " + p.length + "; pinging with an empty payload instead"));
    }
    return p;
  }

  /** The payload for a ping the user asked for: the handler's, whose problems fail that ping. */
  static byte[] forUserPing(ConnectionHandler handler, Connection connection) throws Exception {
    byte[] p = handler.pingPayload(connection);
    if (p != null && p.length > MAX) {
      throw new IllegalArgumentException(
          "the ping payload is at most 125 bytes (RFC 6455 section 5.5), the ping callback gave " + p.length);
    }
    return p == null ? NO_BYTES : p;
  }

  private static byte[] fallback(Attempt a, Consumer<Throwable> report, Throwable problem) {
    if (!a.pingProblemReported) {
      a.pingProblemReported = true;
      report.accept(problem);
    }
    return NO_BYTES;
  }
}
