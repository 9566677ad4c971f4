package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text message in one frame is validated in the pass that decodes it when it is ASCII, and by the
 * strict validator otherwise ({@code FrameDispatcher.deliverText}). Whatever the bytes, the dispatcher must
 * agree with the JDK's decoder set to report (not replace) malformed input: delivered, with the same text,
 * exactly when that decoder accepts the bytes, and closed with 1007 otherwise.
 */
class WholeTextFrameUtf8Test {
  /** What one frame of {@code bytes} came to: the delivered text, or {@code null} for a 1007 close. */
  private static String dispatch(byte[] bytes) {
    List<String> delivered = new ArrayList<>();
    List<Integer> errors = new ArrayList<>();
    Attempt attempt = new Attempt(null);
    attempt.phase = Attempt.Phase.OPEN;
    FrameDispatcher dispatcher = new FrameDispatcher(new FrameDispatcher.Sink() {
      @Override
      public void inbound(Attempt a, Frame frame, int size) {
        assertThat(size).isEqualTo(bytes.length);
        delivered.add(frame.text());
      }

      @Override
      public void protocolError(Attempt a, int code, String message) {
        errors.add(code);
      }

      @Override
      public void ping(Attempt a, WebSocketFrame pong, byte[] payload) {}

      @Override
      public void pong(Attempt a, byte[] payload) {}

      @Override
      public void peerClosed(Attempt a, int code, String reason) {}

      @Override
      public void transportError(Attempt a, Throwable cause) {}

      @Override
      public void writabilityChanged(Attempt a) {}

      @Override
      public void flushIfPending(Attempt a) {}

      @Override
      public void channelClosed(Attempt a) {}
    }, attempt, 1 << 16);
    EmbeddedChannel channel = new EmbeddedChannel(dispatcher);
    attempt.channel = channel;
    dispatcher.start();
    channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    channel.finishAndReleaseAll();
    assertThat(delivered.size() + errors.size()).as("one outcome").isEqualTo(1);
    if (errors.isEmpty()) {
      return delivered.get(0);
    }
    assertThat(errors).containsExactly(CloseCodes.INVALID_PAYLOAD);
    return null;
  }

  /** The oracle: the JDK's UTF-8 decoder, refusing instead of replacing. */
  private static String strict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @ParameterizedTest(name = "bytes [{0}]")
  @ValueSource(strings = {
      "", "41", "7f", "80", "ff", "c0af", "c328", "e282", "eda080", "eda080edb080", "f4908080", "f0908d88",
      "efbfbd", "41efbfbd42", "e282ac", "4142434445464748c3", "41424344454647c3a9", "ce", "cebae1bdb9cf83cebcceb5"})
  void trickySequencesAgreeWithTheStrictDecoder(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(dispatch(bytes)).isEqualTo(strict(bytes));
  }

  @Test
  void randomMessagesAgreeWithTheStrictDecoder() {
    // Pieces a message is made of: ASCII runs (the fast path), well-formed characters of every length,
    // U+FFFD itself, and the malformed forms the RFC 6455 suites send.
    byte[][] pieces = {
        "abcdefgh".getBytes(StandardCharsets.US_ASCII), {'{'}, {'"'}, {0x7f},
        "é".getBytes(StandardCharsets.UTF_8), "€".getBytes(StandardCharsets.UTF_8),
        "😀".getBytes(StandardCharsets.UTF_8), "\uFFFD".getBytes(StandardCharsets.UTF_8),
        {(byte) 0x80}, {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
    Random random = new Random(20261130);
    int accepted = 0;
    for (int i = 0; i < 5_000; i++) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      int n = random.nextInt(12);
      boolean clean = random.nextInt(3) == 0; // a third are well-formed by construction
      for (int p = 0; p < n; p++) {
        message.writeBytes(pieces[random.nextInt(clean ? 8 : pieces.length)]);
      }
      byte[] bytes = message.toByteArray();
      String expected = strict(bytes);
      assertThat(dispatch(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
      accepted += expected == null ? 0 : 1;
    }
    assertThat(accepted).as("both outcomes were exercised").isBetween(1_000, 4_000);
  }
}
