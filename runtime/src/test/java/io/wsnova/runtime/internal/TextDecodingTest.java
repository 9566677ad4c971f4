package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Received text through one reused array per thread: every size, each decoded alone, indices untouched. */
class TextDecodingTest {
  @Test
  void decodesLikeTheJdkAtEverySizeOneAfterAnother() {
    // Larger and smaller in turn, so a message shorter than the one before would show any stale byte.
    int[] sizes = {0, 1, 1023, 1024, 1025, 5, 70_000, 3, TextDecoding.REUSED_UP_TO, 2,
        TextDecoding.REUSED_UP_TO + 1, 1000};
    for (int size : sizes) {
      for (String unit : new String[] {"a", "é", "€", "\uD83D\uDE00", "\uFFFD"}) {
        String text = text(size, unit);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (ByteBuf buf : new ByteBuf[] {Unpooled.directBuffer(bytes.length + 9),
            Unpooled.buffer(bytes.length + 9).slice(3, bytes.length + 6).clear()}) {
          buf.writeBytes(new byte[] {'<', '<', '<'}).writeBytes(bytes).writeBytes(new byte[] {'>', '>'});
          buf.readerIndex(3).writerIndex(3 + bytes.length);
          try {
            assertThat(TextDecoding.decode(buf)).as("%d units of %s, %s", size, unit, buf).isEqualTo(text);
            assertThat(buf.readerIndex()).isEqualTo(3);
            assertThat(buf.writerIndex()).isEqualTo(3 + bytes.length);
          } finally {
            buf.release();
          }
        }
      }
    }
  }

  @Test
  void malformedBytesAreReplacedForTheCallerToNotice() {
    ByteBuf buf = Unpooled.directBuffer().writeBytes(new byte[] {'o', 'k', (byte) 0xC3});
    try {
      assertThat(TextDecoding.decode(buf)).isEqualTo("ok\uFFFD");
    } finally {
      buf.release();
    }
  }

  /** About {@code bytes} bytes of {@code unit} repeated (whole characters). */
  private static String text(int bytes, String unit) {
    int each = unit.getBytes(StandardCharsets.UTF_8).length;
    return unit.repeat(bytes / each) + "x".repeat(bytes % each);
  }
}
