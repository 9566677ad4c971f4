package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.wsnova.runtime.CloseCodes;

/**
 * The read side of RFC 6455 framing for a client (section 5.2): the bytes of the socket cut into frames,
 * each header checked before its payload is waited for. A frame whose bytes are all in the read buffer is
 * handed on as that buffer, its indices narrowed to the payload for the call, with no frame object, no slice
 * and no copy; only a frame cut by the end of a read waits, its bytes gathered in one buffer sized for it.
 *
 * <p>It stands in for Netty's frame decoder when no extension was agreed, which saves a pipeline hop per
 * read, a frame object and a retained slice per frame, and a handler and its context per connection. With
 * permessage-deflate, Netty's decoder and inflater come first and their frames come in already parsed.
 *
 * <p>What is refused here, each with close code 1002 unless said (RFC 6455 sections 5.1 to 5.5): a masked
 * frame, reserved bits (no extension was agreed), a reserved opcode, a control frame that is fragmented or
 * longer than 125 bytes, a length not in its shortest form or with its top bit set, a continuation with no
 * message to continue, a new message inside a fragmented one, and a frame longer than the maximum message
 * size (1009). After a refusal every further byte is dropped: the connection is closing.
 */
abstract class FrameParser extends ChannelInboundHandlerAdapter implements WebSocketFrameDecoder {
  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  private final int maxFramePayload;
  /** The bytes of a frame that the end of the last read cut, or null. */
  private ByteBuf cut;
  /** A data message's first fragment came and its last has not. */
  private boolean fragmented;
  /** A frame was refused: what follows is dropped. */
  private boolean refused;
  /** Inside {@link #parse}: buffers are released when it returns, not under it. */
  private boolean parsing;

  FrameParser(int maxFramePayload) {
    this.maxFramePayload = maxFramePayload;
  }

  /** The maximum message size, which bounds each frame too. */
  final int maxMessageSize() {
    return maxFramePayload;
  }

  /**
   * One whole frame that passed the header checks. {@code payload} is a buffer the parser owns, its readable
   * bytes the frame's payload: valid during the call only, not to be released or kept (its indices are
   * the parser's again when the call returns).
   */
  abstract void frame(int opcode, boolean fin, int rsv, ByteBuf payload);

  /** A frame broke the protocol: the connection closes with {@code code}. */
  abstract void refused(int code, String message);

  /** Cuts {@code in} into frames; {@code in} stays the caller's to release; a cut frame's bytes come from {@code alloc}. */
  final void parse(ByteBufAllocator alloc, ByteBuf in) {
    if (refused) {
      return;
    }
    parsing = true;
    try {
      if (cut != null && !finishCut(in)) {
        return;
      }
      while (!refused && next(in)) {
        // one frame per turn, straight out of the read buffer
      }
      if (!refused && in.isReadable()) {
        keepCut(alloc, in);
      }
    } finally {
      parsing = false;
      if (refused) {
        releaseCut();
      }
    }
  }

  /**
   * Completes the cut frame with what it still needs of {@code in}, header first, so that its length is
   * checked before its payload is gathered: true when it was handed on and {@code in} may go on.
   */
  private boolean finishCut(ByteBuf in) {
    while (true) {
      if (next(cut)) {
        cut.release();
        cut = null;
        return !refused;
      }
      if (refused) {
        return false;
      }
      long size = frameSize(cut);
      long want = size != 0 ? size : headerSize(cut);
      int take = (int) Math.min(want - cut.readableBytes(), in.readableBytes());
      if (take <= 0) {
        return false; // the read is all in the cut frame, which needs more
      }
      cut.writeBytes(in, take);
    }
  }

  /** Frees what a cut frame holds; the channel is gone or the handler removed. */
  final void releaseCut() {
    if (parsing) {
      refused = true; // under parse: it releases when it returns
      return;
    }
    if (cut != null) {
      cut.release();
      cut = null;
    }
  }

  /**
   * Sized for the whole frame when it is not large, so that gathering it copies once; a large one starts at
   * {@link #FIRST_CUT_CAPACITY} and grows as its bytes come, so that a header alone (a few bytes from a
   * hostile server) never makes the client allocate a maximum-size buffer.
   */
  static final int FIRST_CUT_CAPACITY = 256 * 1024;

  /** The start of a frame the read cut: copied out, so the read buffer is not pinned while the rest comes. */
  private void keepCut(ByteBufAllocator alloc, ByteBuf buf) {
    long whole = frameSize(buf); // its header was checked, so at most the maximum payload and a header
    long capacity = Math.min(whole, Math.max(buf.readableBytes(), FIRST_CUT_CAPACITY));
    cut = alloc.buffer((int) Math.max(capacity, 14));
    cut.writeBytes(buf);
  }

  /** The header's size as far as the bytes say: 2 until the second byte is there. */
  private static int headerSize(ByteBuf buf) {
    if (buf.readableBytes() < 2) {
      return 2;
    }
    int len7 = buf.getByte(buf.readerIndex() + 1) & 0x7F;
    return len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
  }

  /** The header and payload size of the frame at the reader index once its header is all there; else 0. */
  private static long frameSize(ByteBuf buf) {
    int readable = buf.readableBytes();
    int header = headerSize(buf);
    if (readable < header) {
      return 0;
    }
    int start = buf.readerIndex();
    return switch (header) {
      case 2 -> 2 + (buf.getByte(start + 1) & 0x7F);
      case 4 -> 4 + buf.getUnsignedShort(start + 2);
      default -> 10 + buf.getLong(start + 2);
    };
  }

  /** Parses the frame at the reader index: true when one was handed on, false when more bytes are needed. */
  private boolean next(ByteBuf buf) {
    int readable = buf.readableBytes();
    if (readable < 2) {
      return false;
    }
    int start = buf.readerIndex();
    int b0 = buf.getByte(start);
    int b1 = buf.getByte(start + 1);
    boolean fin = (b0 & 0x80) != 0;
    int rsv = (b0 >> 4) & 0x7;
    int opcode = b0 & 0xF;
    int len7 = b1 & 0x7F;
    int header = 2;
    long length = len7;
    if (len7 == 126) {
      if (readable < 4) {
        return false;
      }
      header = 4;
      length = buf.getUnsignedShort(start + 2);
      if (length < 126) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "frame length " + length + " not in its shortest form");
      }
    } else if (len7 == 127) {
      if (readable < 10) {
        return false;
      }
      header = 10;
      length = buf.getLong(start + 2);
      if (length < 0) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "frame length with its most significant bit set");
      }
      if (length < 65536) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "frame length " + length + " not in its shortest form");
      }
    }
    if (!headerAllowed(fin, rsv, opcode, (b1 & 0x80) != 0, length)) {
      return false;
    }
    if (readable - header < length) {
      return false;
    }
    if (opcode < OP_CLOSE) {
      fragmented = !fin;
    }
    int payloadStart = start + header;
    int end = payloadStart + (int) length;
    int readEnd = buf.writerIndex();
    // The buffer itself, narrowed to the payload for the call, rather than a slice: an object per frame less.
    buf.setIndex(payloadStart, end);
    try {
      frame(opcode, fin, rsv, buf);
    } finally {
      buf.setIndex(end, readEnd);
    }
    return true;
  }

  /** The header checks, in the order Netty's decoder made them; false after refusing. */
  private boolean headerAllowed(boolean fin, int rsv, int opcode, boolean masked, long length) {
    if (masked) {
      return refuse(CloseCodes.PROTOCOL_ERROR, "masked frame from the server (RFC 6455 section 5.1)");
    }
    if (rsv != 0) {
      return refuse(CloseCodes.PROTOCOL_ERROR, "reserved bits " + rsv + " set without an agreed extension that defines them");
    }
    if (opcode >= OP_CLOSE) {
      if (!fin) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "fragmented control frame");
      }
      if (length > 125) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "control frame of " + length + " bytes, over 125");
      }
      if (opcode > OP_PONG) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "reserved control opcode " + opcode);
      }
    } else {
      if (opcode > OP_BINARY) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "reserved data opcode " + opcode);
      }
      if (opcode == OP_CONTINUATION && !fragmented) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
      }
      if (opcode != OP_CONTINUATION && fragmented) {
        return refuse(CloseCodes.PROTOCOL_ERROR, "a new message began before the fragmented one ended");
      }
    }
    if (length > maxFramePayload) {
      return refuse(CloseCodes.MESSAGE_TOO_BIG,
          "frame of " + length + " bytes, over the maximum message size of " + maxFramePayload + " bytes");
    }
    return true;
  }

  private boolean refuse(int code, String message) {
    refused = true;
    refused(code, message);
    return false;
  }
}
