package io.wsnova.runtime.internal;

import java.nio.ByteBuffer;
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

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
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
