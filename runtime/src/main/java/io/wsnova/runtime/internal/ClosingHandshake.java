package io.wsnova.runtime.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.DisconnectReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The closing handshake of an open WebSocket (RFC 6455 section 7): who sent the first close frame, the
 * answer to the peer's, the close timeout, and the closes without a handshake (a broken or dead peer).
 * Every reason on the wire goes through {@link CloseCodes#fitReason}. Its state is the attempt's (which
 * close frames were sent, why it ended), so it keeps none of its own: no object per connection. On the
 * connection's loop.
 */
final class ClosingHandshake {
  /** How long a peer that broke the protocol gets to close after our close frame. */
  private static final Duration BROKEN_PEER_GRACE = Duration.ofSeconds(1);

  private ClosingHandshake() {}

  /** We close: our close frame, then the peer's, or the close timeout. False when already closing. */
  static boolean start(Attempt a, int code, String reason, Duration closeTimeout) {
    if (a.closeSent || a.phase != Attempt.Phase.OPEN) {
      return false;
    }
    a.recordReason(new DisconnectReason.LocalClose(code, CloseCodes.fitReason(reason)));
    send(a, code, reason);
    closeAfter(a.channel, closeTimeout);
    return true;
  }

  /**
   * The peer's close frame: the answer to ours completes the handshake; otherwise we echo its code
   * (section 5.5.1) and drop TCP.
   */
  static void peerClosed(Attempt a, int code, String reason) {
    if (a.closeSent) {
      a.channel.close();
      return;
    }
    a.recordReason(new DisconnectReason.Closed(code, reason));
    a.closeSent = true;
    a.phase = Attempt.Phase.CLOSED;
    CloseWebSocketFrame echo = code == CloseCodes.NO_STATUS ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
    WireBatch.handOff(a); // what was sent before the close goes before it
    a.channel.writeAndFlush(MaskingFrameEncoder.wireForm(a, echo)).addListener(ChannelFutureListener.CLOSE);
  }

  /** The peer broke the protocol: close with {@code code}, and do not wait long for an answer. */
  static void protocolError(Attempt a, int code, String message) {
    a.recordReason(new DisconnectReason.ProtocolError(code, message));
    send(a, code, message);
    closeAfter(a.channel, BROKEN_PEER_GRACE);
  }

  /** The peer seems dead (pongs stopped): a close frame it will likely never read, and no wait. */
  static void dead(Attempt a, DisconnectReason.Timeout why) {
    a.recordReason(why);
    send(a, CloseCodes.GOING_AWAY, "pong timeout");
    a.channel.close();
  }

  private static void send(Attempt a, int code, String reason) {
    if (!a.closeSent && a.channel.isActive()) {
      a.closeSent = true;
      CloseWebSocketFrame close = new CloseWebSocketFrame(code, CloseCodes.fitReason(reason));
      WireBatch.handOff(a); // what was sent before the close goes before it
      a.channel.writeAndFlush(MaskingFrameEncoder.wireForm(a, close));
    }
  }

  private static void closeAfter(Channel ch, Duration delay) {
    ch.eventLoop().schedule(() -> {
      ch.close();
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
