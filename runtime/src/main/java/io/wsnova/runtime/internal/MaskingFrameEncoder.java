package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a client's frames (RFC 6455 section 5.2): the header and the payload masked with a fresh key
 * (section 5.3), in one buffer. It replaces Netty's encoder, which masks four bytes per call through
 * {@code ByteBuf} accessors that each check the reference count: profiled, that was a third of the
 * client's CPU at 1 KiB and more than half at 64 KiB. Here the payload is masked eight bytes at a time:
 * in place for short frames, through NIO views of the two buffers for longer ones. Reserved bits are written
 * as the frame carries them (the permessage-deflate encoder before this one sets RSV1).
 *
 * <p>It is in a channel's pipeline only while permessage-deflate is agreed, behind the deflater, which
 * takes and gives frame objects. Without an extension the upgrade removes it and the connection encodes
 * its frames before writing them (the {@code wireForm} methods): no frame object and no pipeline hop per
 * send, and one handler context less per connection.
 */
@ChannelHandler.Sharable // no state: one instance serves every channel
final class MaskingFrameEncoder extends ChannelOutboundHandlerAdapter implements WebSocketFrameEncoder {
  static final MaskingFrameEncoder INSTANCE = new MaskingFrameEncoder();

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.write(msg, promise);
      return;
    }
    ByteBuf wire;
    try {
      wire = encode(ctx.alloc(), frame);
    } catch (RuntimeException e) {
      promise.setFailure(e);
      return;
    } finally {
      ReferenceCountUtil.release(frame);
    }
    ctx.write(wire, promise);
  }

  /**
   * What to write to the attempt's channel for {@code frame}: the frame itself when the pipeline encodes
   * (permessage-deflate agreed), else its bytes on the wire, the frame released. Takes ownership of it.
   */
  static Object wireForm(Attempt a, WebSocketFrame frame) {
    if (a.deflate != null) {
      return frame;
    }
    try {
      return encode(a.channel.alloc(), frame);
    } finally {
      frame.release();
    }
  }

  /**
   * What to write to the attempt's channel for a whole message: its bytes on the wire, or a frame object for
   * the deflater when permessage-deflate is agreed; {@code null} when {@code text} (the string the bytes were
   * encoded from; null for a binary message) held an unpaired surrogate, which the JDK's encoder turned into
   * {@code ?}. See {@link StrictUtf8#lostSurrogate(String, byte[])}.
   */
  static Object wireForm(Attempt a, String text, byte[] bytes) {
    int opcode = text == null ? 0x2 : 0x1;
    if (a.deflate == null) {
      return encode(a.channel.alloc(), opcode, bytes, text);
    }
    if (text != null && StrictUtf8.lostSurrogate(text, bytes)) {
      return null;
    }
    ByteBuf payload = Unpooled.wrappedBuffer(bytes); // the deflater reads it once; no pooled copy needed
    return opcode == 0x1 ? new TextWebSocketFrame(payload) : new BinaryWebSocketFrame(payload);
  }

  /** The frame on the wire, masked; the frame itself is left to the caller. */
  static ByteBuf encode(ByteBufAllocator alloc, WebSocketFrame frame) {
    ByteBuf payload = frame.content();
    int length = payload.readableBytes();
    ByteBuf wire = alloc.buffer(headerLength(length) + length);
    try {
      int firstByte = (frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() & 0x7) << 4 | opcode(frame);
      int mask = writeHeader(wire, firstByte, length);
      mask(payload, wire, mask, length);
      return wire;
    } catch (RuntimeException e) {
      wire.release();
      throw e;
    }
  }

  /**
   * A whole message ({@code opcode} 0x1 text or 0x2 binary, no extension) on the wire, masked straight from
   * the array, in a buffer of its own; {@code null} when {@code text} lost a surrogate (see
   * {@link #encodeInto}).
   */
  static ByteBuf encode(ByteBufAllocator alloc, int opcode, byte[] payload, String text) {
    ByteBuf wire = alloc.buffer(wireLength(payload.length));
    try {
      if (encodeInto(wire, opcode, payload, text)) {
        return wire;
      }
      wire.release();
      return null;
    } catch (RuntimeException e) {
      wire.release();
      throw e;
    }
  }

  /** The bytes a whole message of {@code payloadLength} takes on the wire: header, masking key, payload. */
  static int wireLength(int payloadLength) {
    return headerLength(payloadLength) + payloadLength;
  }

  /**
   * Writes a whole message ({@code opcode} 0x1 text or 0x2 binary, no extension) at the writer index of
   * {@code wire}, which has room for {@link #wireLength} bytes, masked straight from the array: the send path
   * of a connection without an extension, which has no encoder in its pipeline. For a text, {@code text} is
   * the string {@code payload} was encoded from, and the masking pass also looks for the {@code ?} that an
   * unpaired surrogate leaves (a separate scan of every outbound text cost as much CPU as the masking);
   * when the text held one, nothing is written (the writer index stays) and the answer is false.
   */
  static boolean encodeInto(ByteBuf wire, int opcode, byte[] payload, String text) {
    int length = payload.length;
    int start = wire.writerIndex();
    int mask = writeHeader(wire, 0x80 | opcode, length);
    int at = wire.writerIndex();
    long mask8 = (long) mask << 32 | (mask & 0xFFFFFFFFL);
    long questionMarks = 0;
    int i = 0;
    if (length < VIEW_THRESHOLD) {
      // Straight into the buffer: a pooled buffer is a recycled object whose NIO view is made afresh for
      // each use, an object per message that cost more than these few bounds-checked writes.
      for (; i + 8 <= length; i += 8) {
        long word = (long) LONGS.get(payload, i);
        questionMarks |= StrictUtf8.questionMarks(word);
        wire.setLong(at + i, word ^ mask8);
      }
      for (; i < length; i++) {
        questionMarks |= payload[i] == '?' ? 1 : 0;
        wire.setByte(at + i, payload[i] ^ mask >>> (24 - 8 * (i & 3)));
      }
    } else {
      // A buffer from the allocator is never a composite, the one kind that has no single view.
      ByteBuffer out = wire.internalNioBuffer(at, length);
      int op = out.position();
      for (; i + 8 <= length; i += 8) {
        long word = (long) LONGS.get(payload, i);
        questionMarks |= StrictUtf8.questionMarks(word);
        out.putLong(op + i, word ^ mask8);
      }
      for (; i < length; i++) {
        questionMarks |= payload[i] == '?' ? 1 : 0;
        out.put(op + i, (byte) (payload[i] ^ mask >>> (24 - 8 * (i & 3))));
      }
    }
    if (text != null && StrictUtf8.lostSurrogate(text, questionMarks != 0)) {
      wire.writerIndex(start);
      return false;
    }
    wire.writerIndex(at + length);
    return true;
  }

  /** Big-endian longs read from a byte array: the masking key's order on the wire. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static int headerLength(int length) {
    return 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
  }

  /** Writes the header with {@code firstByte} (FIN, RSV, opcode) and a fresh masking key; returns the key. */
  private static int writeHeader(ByteBuf wire, int firstByte, int length) {
    wire.writeByte(firstByte);
    if (length <= 125) {
      wire.writeByte(0x80 | length);
    } else if (length <= 0xFFFF) {
      wire.writeByte(0x80 | 126);
      wire.writeShort(length);
    } else {
      wire.writeByte(0x80 | 127);
      wire.writeLong(length);
    }
    int mask = ThreadLocalRandom.current().nextInt();
    wire.writeInt(mask);
    return mask;
  }

  /**
   * Below this, writing through the buffer's own accessors beats making an NIO view per frame (allocation
   * at half a million frames a second); above it, the view's cost is spread over enough bytes.
   */
  private static final int VIEW_THRESHOLD = 512;

  /** Writes {@code length} bytes of {@code source}, masked, at the writer index of {@code target}. */
  private static void mask(ByteBuf source, ByteBuf target, int mask, int length) {
    if (length == 0) {
      return;
    }
    int at = target.writerIndex();
    long mask8 = (long) mask << 32 | (mask & 0xFFFFFFFFL); // big-endian, as the key on the wire
    if (length < VIEW_THRESHOLD) {
      target.writeBytes(source, source.readerIndex(), length);
      int i = 0;
      for (; i + 8 <= length; i += 8) {
        target.setLong(at + i, target.getLong(at + i) ^ mask8);
      }
      for (; i < length; i++) {
        target.setByte(at + i, target.getByte(at + i) ^ mask >>> (24 - 8 * (i & 3)));
      }
      return;
    }
    ByteBuffer in = source.nioBuffer(source.readerIndex(), length); // a copy only for a composite buffer
    ByteBuffer out = target.nioBuffer(at, length); // a view: writes land in the target
    int ip = in.position();
    int op = out.position();
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      out.putLong(op + i, in.getLong(ip + i) ^ mask8);
    }
    for (; i < length; i++) {
      out.put(op + i, (byte) (in.get(ip + i) ^ mask >>> (24 - 8 * (i & 3))));
    }
    target.writerIndex(at + length);
  }

  private static int opcode(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      return 0x1;
    } else if (frame instanceof BinaryWebSocketFrame) {
      return 0x2;
    } else if (frame instanceof ContinuationWebSocketFrame) {
      return 0x0;
    } else if (frame instanceof CloseWebSocketFrame) {
      return 0x8;
    } else if (frame instanceof PingWebSocketFrame) {
      return 0x9;
    } else if (frame instanceof PongWebSocketFrame) {
      return 0xA;
    }
    throw new IllegalArgumentException("cannot encode " + frame.getClass().getName());
  }
}
