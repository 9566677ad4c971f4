package io.wsnova.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 around the JDK's fast, lenient codec: outbound text that has no UTF-8 form (an unpaired
 * surrogate, which {@link String#getBytes} quietly turns into {@code ?}) is refused, and a close reason is
 * checked whole. RFC 6455 requires valid UTF-8.
 */
final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * Whether {@code bytes}, the JDK's UTF-8 encoding of {@code text}, stand for something else: the fast JDK
   * encoder puts {@code ?} in place of an unpaired surrogate. Only bytes that hold a {@code ?} can, so
   * well-formed text pays one scan of its bytes, and the text is scanned only when they do.
   */
  static boolean lostSurrogate(String text, byte[] bytes) {
    return lostSurrogate(text, contains(bytes, (byte) '?'));
  }

  /**
   * As {@link #lostSurrogate(String, byte[])}, for a caller that made the scan for {@code ?} itself, fused
   * into a pass over the bytes that it makes anyway (the masking encoder, with {@link #questionMarks}).
   */
  static boolean lostSurrogate(String text, boolean questionMarkSeen) {
    return questionMarkSeen && hasUnpairedSurrogate(text);
  }

  static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a pair: one code point
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * Whether {@code bytes} holds {@code b}: eight bytes at a time (a word with a zero byte after XOR with
   * {@code b} in every byte; the classic bit trick), since this scan runs over every outbound text. It was a
   * sixth of the client's CPU per 64 KiB message byte by byte.
   */
  private static boolean contains(byte[] bytes, byte b) {
    long pattern = (b & 0xFFL) * ONES;
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      if (zeroBytes((long) LONGS.get(bytes, i) ^ pattern) != 0) {
        return true;
      }
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return true;
      }
    }
    return false;
  }

  /**
   * Not zero when any of the eight bytes of {@code word} is {@code ?}, in either byte order: for a caller
   * that reads a text's bytes eight at a time anyway (the masking encoder) and ORs this over them.
   */
  static long questionMarks(long word) {
    return zeroBytes(word ^ QUESTION_MARKS);
  }

  private static final long QUESTION_MARKS = '?' * ONES;

  /** Not zero exactly when some byte of {@code v} is zero (set bits mark it, and may mark bytes above it). */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  /** Whether {@code bytes} is complete, valid UTF-8 (a close reason must be). */
  static boolean isValid(ByteBuffer bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
