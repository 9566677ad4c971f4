package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Outbound text: a lone surrogate anywhere is refused, a '?' anywhere (the word scan's edge cases) is not. */
class StrictUtf8Test {
  @Test
  void questionMarksAtEveryOffsetAreText() {
    for (int length = 1; length <= 24; length++) {
      for (int at = 0; at < length; at++) {
        String text = "x".repeat(at) + "?" + "x".repeat(length - at - 1);
        assertThat(StrictUtf8.encode(text)).as("'?' at %d of %d", at, length)
            .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void aLoneSurrogateAtEveryOffsetIsRefusedAndPairsAreNot() {
    for (int length = 1; length <= 24; length++) {
      for (int at = 0; at < length; at++) {
        String lone = "x".repeat(at) + "\uD83D" + "x".repeat(length - at - 1);
        assertThat(StrictUtf8.encode(lone)).as("lone surrogate at %d of %d", at, length).isNull();
        String pair = "x".repeat(at) + "\uD83D\uDE00" + "x".repeat(length - at - 1);
        assertThat(StrictUtf8.encode(pair)).isEqualTo(pair.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
