package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8StateTest {

  private static boolean valid(String hex, int splitAt) {
    byte[] bytes = ByteBufUtil.decodeHexDump(hex);
    Utf8State s = new Utf8State();
    int cut = Math.min(splitAt, bytes.length);
    ByteBuf first = Unpooled.wrappedBuffer(bytes, 0, cut);
    ByteBuf second = Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut);
    return s.feed(first) && s.feed(second) && s.isComplete();
  }

  @ParameterizedTest
  @CsvSource({
      "'', valid", "41, valid", "C3A9, valid", "E282AC, valid", "F09F9880, valid", "F48FBFBF, valid",
      "4142434445464748494A4B4C4D4E4F50C3A9, valid",
      "C328, invalid", "C0AF, invalid", "E080AF, invalid", "EDA080, invalid", "EDA080EDB080, invalid",
      "F4908080, invalid", "F5808080, invalid", "FF, invalid", "80, invalid", "E282, invalid",
      "41424344454647484950515253545556E2, invalid",
  })
  void acceptsWellFormedUtf8Only(String hex, String expected) {
    for (int split = 0; split <= hex.length() / 2; split++) {
      assertThat(valid(hex, split)).as("%s split at %d", hex, split).isEqualTo(expected.equals("valid"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain ascii long enough for the fast path", "mixed ünïcödé and 😀 emoji", "日本語のテキスト"})
  void agreesWithTheJdkOnRealText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= bytes.length; split++) {
      assertThat(valid(ByteBufUtil.hexDump(bytes), split)).isTrue();
    }
  }
}
