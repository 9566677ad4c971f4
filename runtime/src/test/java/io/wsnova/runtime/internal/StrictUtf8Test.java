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
        assertThat(StrictUtf8.lostSurrogate(text, text.getBytes(StandardCharsets.UTF_8)))
            .as("'?' at %d of %d", at, length).isFalse();
      }
    }
  }

  @Test
  void aLoneSurrogateAtEveryOffsetIsRefusedAndPairsAreNot() {
    for (int length = 1; length <= 24; length++) {
      for (int at = 0; at < length; at++) {
        String lone = "x".repeat(at) + "\uD83D" + "x".repeat(length - at - 1);
        assertThat(StrictUtf8.lostSurrogate(lone, lone.getBytes(StandardCharsets.UTF_8)))
            .as("lone surrogate at %d of %d", at, length).isTrue();
        String pair = "x".repeat(at) + "\uD83D\uDE00" + "x".repeat(length - at - 1);
        assertThat(StrictUtf8.lostSurrogate(pair, pair.getBytes(StandardCharsets.UTF_8))).isFalse();
      }
    }
  }

  @Test
  void theWordTestFindsAQuestionMarkInEveryByteAndNothingElse() {
    long plain = 0x7878787878787878L; // "xxxxxxxx"
    assertThat(StrictUtf8.questionMarks(plain)).isZero();
    assertThat(StrictUtf8.questionMarks(0x3E403E403E403E40L)).as("'>' and '@', either side of '?'").isZero();
    for (int b = 0; b < 8; b++) {
      long withMark = plain & ~(0xFFL << 8 * b) | (long) '?' << 8 * b;
      assertThat(StrictUtf8.questionMarks(withMark)).as("'?' in byte %d", b).isNotZero();
    }
  }
}
