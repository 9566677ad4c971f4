package io.wsnova.runtime;

import java.time.Duration;
import java.util.Objects;

/** Why a connection ended. Given to {@code @OnDisconnect}, the {@link ErrorHandler} and {@link Connection#closeFuture()}. */
public sealed interface DisconnectReason
    permits DisconnectReason.Closed, DisconnectReason.ProtocolError, DisconnectReason.TransportError,
        DisconnectReason.Timeout, DisconnectReason.LocalClose, DisconnectReason.ErrorHandlerFailed {

  /** The peer closed the connection with a close frame carrying {@code code} (1005 when it had none) and {@code reason}. */
  record Closed(int code, String reason) implements DisconnectReason {
    public Closed {
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * The peer broke RFC 6455 (invalid UTF-8, an oversized message, reserved bits, an unknown opcode, a
   * masked or bad control frame...); the connection was closed with {@code code} (1002, 1007 or 1009).
   */
  record ProtocolError(int code, String message) implements DisconnectReason {}

  /** The transport failed (reset, I/O error, TLS failure) or the connection dropped without a close frame. */
  record TransportError(Throwable cause) implements DisconnectReason {
    public TransportError {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** Something took too long: connecting, the upgrade, or the peer's pongs. */
  record Timeout(Phase phase, Duration after) implements DisconnectReason {
    /** What took too long. */
    public enum Phase {
      /** The TCP connect (and TLS handshake). */
      CONNECT,
      /** The HTTP upgrade. */
      UPGRADE,
      /** Pongs stopped coming: the peer is presumed dead. */
      PONG
    }
  }

  /** This side closed: the user called {@link Connection#close}, or a callback returned close or stop. */
  record LocalClose(int code, String reason) implements DisconnectReason {}

  /**
   * The {@link ErrorHandler} threw, so the connection stopped for good; {@code cause} is what it threw,
   * {@code after} why the connection had ended when it was asked.
   */
  record ErrorHandlerFailed(Throwable cause, DisconnectReason after) implements DisconnectReason {
    public ErrorHandlerFailed {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
