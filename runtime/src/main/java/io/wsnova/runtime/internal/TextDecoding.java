package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * A received text's bytes as a {@code String}, with one copy where Netty's {@code ByteBuf.toString} makes
 * two above 1 KiB: a direct buffer's bytes must reach an array before the JDK decodes them, and Netty lends
 * a reused array only up to 1 KiB, above which it allocates (and the JVM zeroes) a fresh one per message,
 * a third of the heap the client allocated per 64 KiB message. Here each thread reuses one array up to
 * {@link #REUSED_UP_TO}; the JDK's decoder then copies (or, for ASCII, checks and copies) once into the
 * string. Decoding happens on event loops, whose threads make the thread-local lookup an array index.
 */
final class TextDecoding {
  /**
   * The largest array a thread keeps, so that one large message does not leave each event loop holding a
   * large array for good; larger texts get a fresh array each, as before.
   */
  static final int REUSED_UP_TO = 256 * 1024;

  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[1024];
    }
  };

  private TextDecoding() {}

  /**
   * The readable bytes of {@code content} decoded as UTF-8 by the JDK (malformed input replaced with U+FFFD:
   * the caller validates); the buffer's indices are left as they were.
   */
  static String decode(ByteBuf content) {
    int length = content.readableBytes();
    if (content.hasArray()) {
      return new String(content.array(), content.arrayOffset() + content.readerIndex(), length,
          StandardCharsets.UTF_8);
    }
    byte[] bytes = length > REUSED_UP_TO ? new byte[length] : scratch(length);
    content.getBytes(content.readerIndex(), bytes, 0, length);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** This thread's array, grown (doubling, up to the cap) to hold {@code length} bytes. */
  private static byte[] scratch(int length) {
    byte[] bytes = SCRATCH.get();
    if (bytes.length < length) {
      bytes = new byte[Math.min(REUSED_UP_TO, Math.max(length, bytes.length * 2))];
      SCRATCH.set(bytes);
    }
    return bytes;
  }
}
