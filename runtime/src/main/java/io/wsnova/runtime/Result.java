package io.wsnova.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcomes a callback can give. Which callback may give which is fixed by {@link Callback}; the
 * annotation processor checks it at compile time where the declared return type says enough, and the
 * runtime checks it for every value.
 *
 * <p>{@link Reconnect} is the {@link ErrorHandler}'s outcome only. No {@link ConnectionHandler}
 * callback may produce it: reconnection is decided in one place.
 */
public sealed interface Result
    permits Result.Ok, Result.Reply, Result.Close, Result.Stop, Result.Reconnect, Result.Pending {

  /** Carry on. */
  record Ok() implements Result {}

  /** Send {@code frame} (a text or binary frame) on this connection; it passes through prepare frame first. */
  record Reply(Frame frame) implements Result {
    public Reply {
      Objects.requireNonNull(frame, "frame");
      if (!frame.type().isData()) {
        throw new IllegalArgumentException("a reply is a text or binary frame, not " + frame.type());
      }
    }
  }

  /**
   * Close this connection with {@code code} and {@code reason}; the ErrorHandler then decides about
   * reconnecting. The reason is cut to what a close frame can carry ({@link CloseCodes#fitReason}).
   */
  record Close(int code, String reason) implements Result {
    public Close {
      CloseCodes.requireSendable(code);
      reason = CloseCodes.fitReason(reason);
    }
  }

  /**
   * Close this connection normally and never reconnect it. The reason is cut to what a close frame can
   * carry ({@link CloseCodes#fitReason}).
   */
  record Stop(String reason) implements Result {
    public Stop {
      reason = CloseCodes.fitReason(reason);
    }
  }

  /**
   * On connect only: the connection is ready ({@link Connection#ready()}) when {@code stage} completes,
   * e.g. when an authentication request is answered. If it fails, the failure goes to the ErrorHandler
   * like a failed callback's.
   */
  record Pending(java.util.concurrent.CompletionStage<?> stage) implements Result {
    public Pending {
      Objects.requireNonNull(stage, "stage");
    }
  }

  /** Open a new connection after {@code delay}. Only an {@link ErrorHandler} may return this. */
  record Reconnect(Duration delay) implements Result {
    public Reconnect {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
    }
  }

  /** The one {@link Ok} instance the factories hand out. */
  Ok OK = new Ok();

  static Ok ok() {
    return OK;
  }

  static Reply reply(String text) {
    return new Reply(Frame.text(text));
  }

  static Reply reply(byte[] binary) {
    return new Reply(Frame.binary(binary));
  }

  static Reply reply(Frame frame) {
    return new Reply(frame);
  }

  static Close close(int code, String reason) {
    return new Close(code, reason);
  }

  static Stop stop() {
    return new Stop("");
  }

  static Stop stop(String reason) {
    return new Stop(reason);
  }

  /** Ready when {@code stage} completes ({@link Pending}); ok at once for {@code null}. */
  static Result readyWhen(java.util.concurrent.CompletionStage<?> stage) {
    return stage == null ? OK : new Pending(stage);
  }

  static Reconnect reconnect(Duration delay) {
    return new Reconnect(delay);
  }
}
