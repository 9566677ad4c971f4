package io.wsnova.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 encoding that refuses what has no UTF-8 form (an unpaired surrogate), where
 * {@link String#getBytes} would quietly send {@code ?} instead. RFC 6455 requires valid UTF-8.
 */
final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * The UTF-8 bytes of {@code text}, or {@code null} when it holds an unpaired surrogate. The fast JDK
   * encoder does the work; only a result that contains {@code ?} (what the JDK puts in place of a lone
   * surrogate) is checked again, strictly, so well-formed text pays one scan of its bytes.
   */
  static byte[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!contains(bytes, (byte) '?')) {
      return bytes;
    }
    return hasUnpairedSurrogate(text) ? null : bytes;
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
      long v = (long) LONGS.get(bytes, i) ^ pattern;
      if (((v - ONES) & ~v & HIGHS) != 0) {
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
