package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The last handler of an open WebSocket: turns Netty frames into whole, valid messages and hands them to
 * the connection as {@link Frame}s (copying out of, and releasing, every buffer, so user code never sees
 * one), answers pings at once, and reports closes and protocol errors with their RFC 6455 codes.
 *
 * <p>Fragments are reassembled here, up to the maximum message size, and text is checked to be valid
 * UTF-8 (RFC 6455 section 8.1) frame by frame, so an invalid fragment fails at once, not when its message
 * completes; a code point may span fragments. ASCII, which most text is, is checked eight bytes at a
 * time. Netty's aggregator and validator would do both in two more pipeline hops, each paid by every
 * message. Frames come from its own parser ({@link FrameParser}), which reads the socket's bytes when no
 * extension was agreed, or from Netty's decoder and inflater when permessage-deflate was; both refuse
 * fragments out of order and fragmented control frames before a frame gets here.
 *
 * <p>Frames that arrive before the connection is started (in the same read as the 101 response) wait
 * in a small queue, so that on connect always runs before the first on frame.
 */
final class FrameDispatcher extends FrameParser implements ChannelFutureListener {
  /** Where whole messages and connection events go: the connection, or a test's recorder. */
  interface Sink {
    /** A whole text or binary message ({@code size} bytes on the wire), or a ping. */
    void inbound(Attempt a, Frame frame, int size);

    /** A ping: {@code pong} is its answer to write (owned by the sink), {@code payload} its bytes. */
    void ping(Attempt a, WebSocketFrame pong, byte[] payload);

    void pong(Attempt a, byte[] payload);

    void peerClosed(Attempt a, int code, String reason);

    void protocolError(Attempt a, int code, String message);

    void transportError(Attempt a, Throwable cause);

    void writabilityChanged(Attempt a);

    void flushIfPending(Attempt a);

    void channelClosed(Attempt a);
  }

  private final Sink connection;
  private final Attempt attempt;
  private boolean gone;
  /** The strict validator of text that is not ASCII or comes in fragments; made by the first such message. */
  private Utf8State utf8;
  private ArrayDeque<Object> early = new ArrayDeque<>();
  /** The fragments of the message in progress, or {@code null}. */
  private ByteBuf assembling;
  private boolean assemblingText;

  FrameDispatcher(Sink connection, Attempt attempt, int maxMessageSize) {
    super(maxMessageSize);
    this.connection = connection;
    this.attempt = attempt;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Also from the close future: a handler before this one may fail to pass channelInactive on (Netty's
    // inflater, when closing the stream of a message that did not inflate, throws instead).
    ctx.channel().closeFuture().addListener(this);
  }

  /** Lets frames through; called after on connect ran. */
  void start() {
    ArrayDeque<Object> queued = early;
    early = null;
    while (!queued.isEmpty() && attempt.phase == Attempt.Phase.OPEN) {
      dispatch(queued.poll());
    }
    queued.forEach(ReferenceCountUtil::release);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (early != null) {
      early.add(msg);
      return;
    }
    attempt.inRead = true;
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    try {
      if (attempt.phase != Attempt.Phase.OPEN) {
        return;
      }
      if (msg instanceof ByteBuf bytes) {
        parse(attempt.channel.alloc(), bytes); // no extension agreed: this handler is the frame decoder too
      } else if (msg instanceof WebSocketFrame f) {
        frame(opcode(f), f.isFinalFragment(), f.rsv(), f.content()); // from Netty's decoder and inflater
      } else if (msg instanceof EarlyFailure early) {
        failed(early.cause());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static int opcode(WebSocketFrame f) {
    if (f instanceof TextWebSocketFrame) {
      return OP_TEXT;
    } else if (f instanceof BinaryWebSocketFrame) {
      return OP_BINARY;
    } else if (f instanceof ContinuationWebSocketFrame) {
      return OP_CONTINUATION;
    } else if (f instanceof PingWebSocketFrame) {
      return OP_PING;
    } else if (f instanceof PongWebSocketFrame) {
      return OP_PONG;
    }
    return OP_CLOSE;
  }

  @Override
  void refused(int code, String message) {
    dropAssembling();
    connection.protocolError(attempt, code, message);
  }

  @Override
  void frame(int opcode, boolean fin, int rsv, ByteBuf content) {
    if (attempt.phase != Attempt.Phase.OPEN) {
      return; // a frame before this one closed the connection
    }
    if (attempt.closeSent && opcode != OP_CLOSE) {
      return; // closing: we wait only for the peer's close frame (RFC 6455 section 5.5.1)
    }
    if (rsv != 0) {
      // Netty's decoder lets reserved bits through once an extension is offered; the inflater clears the one
      // permessage-deflate defines. Any bit still set belongs to no extension that was agreed.
      connection.protocolError(attempt, CloseCodes.PROTOCOL_ERROR, "reserved bits " + rsv
          + " set on a frame with opcode " + opcode + " without an agreed extension that defines them");
      return;
    }
    switch (opcode) {
      case OP_TEXT -> {
        if (fin) {
          deliverText(content);
        } else {
          startUtf8();
          if (validUtf8(content, false)) {
            deliverOrStart(content, false, true);
          }
        }
      }
      case OP_BINARY -> deliverOrStart(content, fin, false);
      case OP_CONTINUATION -> continueMessage(content, fin);
      case OP_PING -> {
        // The pong owns a copy of the (at most 125) bytes: a slice of the ping would pin the read buffer
        // until the pong is written, and a peer that pings without reading would make every read copy
        // that ever-growing buffer.
        byte[] payload = ByteBufUtil.getBytes(content);
        connection.ping(attempt, new PongWebSocketFrame(Unpooled.wrappedBuffer(payload.clone())), payload);
      }
      case OP_PONG -> connection.pong(attempt, ByteBufUtil.getBytes(content));
      default -> closed(content);
    }
  }

  /**
   * The peer's close frame: no body, or a valid code (RFC 6455 section 7.4) and a reason that is complete,
   * valid UTF-8 (section 5.5.1). Netty's decoder, where it is in front, checks the code too, and the reason
   * with a validator it never finishes, so that a reason ending inside a character would pass: it is
   * checked again here, whole.
   */
  private void closed(ByteBuf body) {
    int length = body.readableBytes();
    if (length == 0) {
      connection.peerClosed(attempt, CloseCodes.NO_STATUS, "");
      return;
    }
    int start = body.readerIndex();
    int code = length >= 2 ? body.getUnsignedShort(start) : -1;
    if (!validCloseCode(code)) {
      connection.protocolError(attempt, CloseCodes.PROTOCOL_ERROR, length == 1 ? "close frame with a one-byte body"
          : "close frame with code " + code + ", which may not be sent");
      return;
    }
    if (length > 2 && !StrictUtf8.isValid(body.nioBuffer(start + 2, length - 2))) {
      connection.protocolError(attempt, CloseCodes.INVALID_PAYLOAD, "the close frame's reason is not valid UTF-8");
      return;
    }
    connection.peerClosed(attempt, code, body.toString(start + 2, length - 2, StandardCharsets.UTF_8));
  }

  /**
   * The codes a close frame may carry, as Netty's decoder allows them: 1000-1003, 1007-1014 (1012-1014
   * registered since RFC 6455) and 3000 up; never 1004-1006, 1015 or below 1000.
   */
  private static boolean validCloseCode(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000;
  }

  private void deliverOrStart(ByteBuf content, boolean last, boolean text) {
    if (last) {
      deliver(content, text);
      return;
    }
    assembling = attempt.channel.alloc().buffer(Math.min(maxMessageSize(), Math.max(256, content.readableBytes() * 2)));
    assembling.writeBytes(content);
    assemblingText = text;
  }

  private void continueMessage(ByteBuf content, boolean last) {
    if (assembling == null) {
      connection.protocolError(attempt, CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
      return;
    }
    if (assemblingText && !validUtf8(content, last)) {
      return;
    }
    if (assembling.readableBytes() + content.readableBytes() > maxMessageSize()) {
      dropAssembling();
      connection.protocolError(attempt, CloseCodes.MESSAGE_TOO_BIG,
          "message larger than the maximum message size of " + maxMessageSize() + " bytes");
      return;
    }
    assembling.writeBytes(content);
    if (last) {
      ByteBuf whole = assembling;
      assembling = null;
      try {
        deliver(whole, assemblingText);
      } finally {
        whole.release();
      }
    }
  }

  /**
   * A whole text message in one frame, the usual case, validated in the pass that decodes it when it is
   * ASCII: the JDK's decoder replaces each malformed sequence with U+FFFD and turns each well-formed
   * multi-byte one into fewer chars than bytes, so a string as long as its bytes, without U+FFFD, came from
   * ASCII bytes alone (and asking an ASCII-only string for U+FFFD costs nothing: it cannot hold one). Any
   * other text is checked by the strict validator, since the JDK's decoder replaces what it should refuse.
   */
  private void deliverText(ByteBuf content) {
    int size = content.readableBytes();
    String decoded = TextDecoding.decode(content);
    if (decoded.length() != size || decoded.indexOf('\uFFFD') >= 0) {
      startUtf8();
      if (!validUtf8(content, true)) {
        return;
      }
    }
    connection.inbound(attempt, Frame.text(decoded), size);
  }

  private void deliver(ByteBuf content, boolean text) {
    int size = content.readableBytes();
    connection.inbound(attempt, text ? Frame.text(TextDecoding.decode(content))
        : Frame.binary(ByteBufUtil.getBytes(content)), size);
  }

  /** Readies the validator for a new message. */
  private void startUtf8() {
    if (utf8 == null) {
      utf8 = new Utf8State();
    } else {
      utf8.reset();
    }
  }

  /** Feeds text to the validator; on invalid UTF-8 closes with 1007 and returns false. */
  private boolean validUtf8(ByteBuf content, boolean last) {
    if (utf8.feed(content) && (!last || utf8.isComplete())) {
      return true;
    }
    dropAssembling();
    connection.protocolError(attempt, CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
    return false;
  }

  private void dropAssembling() {
    if (assembling != null) {
      assembling.release();
      assembling = null;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    attempt.inRead = false;
    connection.flushIfPending(attempt);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (early != null) {
      early.add(new EarlyFailure(cause)); // in the bytes that came with the 101: after on connect, in order
      return;
    }
    failed(cause);
  }

  /** A decoding failure among the frames that came with the 101, kept in order with them. */
  private record EarlyFailure(Throwable cause) {}

  private void failed(Throwable cause) {
    DecompressionException inflating = decompression(cause);
    if (inflating != null) {
      dropAssembling();
      boolean tooBig = String.valueOf(inflating.getMessage()).contains("maximum size");
      connection.protocolError(attempt, tooBig ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.INVALID_PAYLOAD, tooBig
          ? "compressed message inflates past the maximum message size of " + maxMessageSize() + " bytes"
          : "compressed message does not inflate: " + inflating.getMessage());
    } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      connection.protocolError(attempt, corrupted.closeStatus().code(), corrupted.getMessage());
    } else if (cause instanceof CorruptedFrameException) {
      connection.protocolError(attempt, CloseCodes.PROTOCOL_ERROR, cause.getMessage());
    } else {
      connection.transportError(attempt, cause);
    }
  }

  /**
   * What the inflater threw, if it did: past its bound (the maximum message size; Netty says "maximum size"
   * when it stops there, having allocated no more) or on data that is not deflate.
   */
  private static DecompressionException decompression(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof DecompressionException d) {
        return d;
      }
    }
    return null;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.writabilityChanged(attempt);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    channelGone();
  }

  /** The channel's close future completed (the dispatcher is its own listener: no object for it). */
  @Override
  public void operationComplete(ChannelFuture closed) {
    channelGone();
  }

  private void channelGone() {
    if (gone) {
      return;
    }
    gone = true;
    releaseBuffers();
    connection.channelClosed(attempt);
  }

  /** Removed without the channel closing (an upgrade that failed after it was added): nothing may leak. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseBuffers();
  }

  private void releaseBuffers() {
    releaseCut();
    dropAssembling();
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early.clear();
    }
  }
}
