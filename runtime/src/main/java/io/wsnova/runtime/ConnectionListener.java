package io.wsnova.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Observes every connection of a client: the events metrics are made of. Register one with
 * {@link NovaClient.Builder#listener(ConnectionListener)}; {@code wsnova-micrometer} binds one to a
 * Micrometer registry.
 *
 * <p>Methods run on the connection's event loop, some once per message: they must be quick and must not
 * block. One that throws is logged and otherwise ignored; it never affects the connection.
 */
public interface ConnectionListener {
  /** A listener that does nothing. */
  ConnectionListener NONE = new ConnectionListener() {};

  /** A connection was created ({@link Connection#id()} is set); its attempts follow. */
  default void opened(Connection connection) {}

  /** An attempt starts, to {@code info}. */
  default void attemptStarted(Connection connection, ConnectionInfo info) {}

  /** An attempt failed before its upgrade succeeded. */
  default void attemptFailed(Connection connection, Throwable cause) {}

  /** The upgrade succeeded. */
  default void connected(Connection connection) {}

  /** An open connection ended, after {@code lived}. */
  default void disconnected(Connection connection, DisconnectReason reason, Duration lived) {}

  /** The ErrorHandler answered {@code decision} to {@code event}. */
  default void decided(Connection connection, ErrorEvent event, Result decision) {}

  /** A whole message arrived. */
  default void messageReceived(Connection connection, FrameType type, int bytes) {}

  /** A data frame was written. */
  default void messageSent(Connection connection, FrameType type, int bytes) {}

  /** A send failed, for {@code reason}. */
  default void sendFailed(Connection connection, SendException.Reason reason) {}

  /** A user callback ran, for {@code nanos}; {@code failure} is what it threw, or {@code null}. */
  default void callbackCompleted(Connection connection, Callback callback, long nanos, Throwable failure) {}

  /** A pong answered one of the heartbeat's pings after {@code roundTrip}. */
  default void roundTrip(Connection connection, Duration roundTrip) {}

  /** The connection stopped for good: nothing more comes from it (gauges can let go of it). */
  default void stopped(Connection connection, DisconnectReason reason) {}

  /** All of {@code listeners}, in order. */
  static ConnectionListener of(List<ConnectionListener> listeners) {
    List<ConnectionListener> all = List.copyOf(listeners);
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new ConnectionListener() {
      @Override
      public void opened(Connection c) {
        all.forEach(l -> l.opened(c));
      }

      @Override
      public void attemptStarted(Connection c, ConnectionInfo info) {
        all.forEach(l -> l.attemptStarted(c, info));
      }

      @Override
      public void attemptFailed(Connection c, Throwable cause) {
        all.forEach(l -> l.attemptFailed(c, cause));
      }

      @Override
      public void connected(Connection c) {
        all.forEach(l -> l.connected(c));
      }

      @Override
      public void disconnected(Connection c, DisconnectReason reason, Duration lived) {
        all.forEach(l -> l.disconnected(c, reason, lived));
      }

      @Override
      public void decided(Connection c, ErrorEvent event, Result decision) {
        all.forEach(l -> l.decided(c, event, decision));
      }

      @Override
      public void messageReceived(Connection c, FrameType type, int bytes) {
        all.forEach(l -> l.messageReceived(c, type, bytes));
      }

      @Override
      public void messageSent(Connection c, FrameType type, int bytes) {
        all.forEach(l -> l.messageSent(c, type, bytes));
      }

      @Override
      public void sendFailed(Connection c, SendException.Reason reason) {
        all.forEach(l -> l.sendFailed(c, reason));
      }

      @Override
      public void callbackCompleted(Connection c, Callback callback, long nanos, Throwable failure) {
        all.forEach(l -> l.callbackCompleted(c, callback, nanos, failure));
      }

      @Override
      public void roundTrip(Connection c, Duration roundTrip) {
        all.forEach(l -> l.roundTrip(c, roundTrip));
      }

      @Override
      public void stopped(Connection c, DisconnectReason reason) {
        all.forEach(l -> l.stopped(c, reason));
      }
    };
  }
}
