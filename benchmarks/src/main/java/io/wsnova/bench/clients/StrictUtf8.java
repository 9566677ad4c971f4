package io.wsnova.bench.clients;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A text message's bytes decoded as RFC 6455 requires, failing on malformed UTF-8 in the same pass, for
 * the hand-written clients (raw Netty, the blocking-socket floor). It takes an array: the JDK's decoder has a
 * fast loop only for arrays and reads a direct buffer a byte at a time. One per connection (a decoder keeps
 * state between calls), used on that connection's reading thread.
 */
final class StrictUtf8 {
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  String decode(byte[] bytes, int length) {
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("invalid UTF-8 from the server", e);
    }
  }
}
