package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsnova.runtime.CloseCodes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher as the frame decoder (no extension agreed): raw bytes in, whatever way the socket cuts
 * them, the same messages out, every RFC 6455 header rule refused with its code, and no buffer leaked.
 */
class FrameParserTest {
  private final List<ByteBuf> inputs = new ArrayList<>();

  /** A server frame: FIN bit, opcode, payload; the shortest length form unless {@code lengthBytes} says. */
  private static byte[] frame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    int n = payload.length;
    if (n < 126) {
      out.write(n);
    } else if (n <= 0xFFFF) {
      out.write(126);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) n >> shift));
      }
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A conversation with every kind of frame and every length form, as one stream of bytes. */
  private static byte[] conversation() {
    byte[] big = new byte[70_000]; // the 8-byte length form
    new Random(7).nextBytes(big);
    byte[] mid = utf8("x".repeat(300)); // the 2-byte length form
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(frame(true, 1, utf8("hello")));
    out.writeBytes(frame(true, 1, utf8("héllo wörld €")));
    out.writeBytes(frame(true, 2, new byte[] {1, 2, 3}));
    out.writeBytes(frame(true, 1, mid));
    out.writeBytes(frame(true, 2, big));
    byte[] split = utf8("a€b"); // € is three bytes: cut it between fragments
    out.writeBytes(frame(false, 1, new byte[] {split[0], split[1]}));
    out.writeBytes(frame(true, 9, utf8("are you there")));
    out.writeBytes(frame(false, 0, new byte[] {split[2]}));
    out.writeBytes(frame(true, 0, new byte[] {split[3], split[4]}));
    out.writeBytes(frame(true, 10, utf8("hb")));
    out.writeBytes(frame(true, 1, new byte[0]));
    out.writeBytes(frame(true, 8, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}));
    return out.toByteArray();
  }

  private static final List<String> EXPECTED = List.of("TEXT hello size 5", "TEXT héllo wörld € size 17",
      "BINARY 3 bytes size 3", "TEXT " + "x".repeat(300) + " size 300", "BINARY 70000 bytes size 70000",
      "ping are you there", "TEXT a€b size 5", "pong hb", "TEXT  size 0", "closed 1000 bye");

  /** Feeds {@code bytes} cut at {@code cuts} (ascending offsets) and returns what the sink saw. */
  private RecordingSink feed(byte[] bytes, int maxMessageSize, int... cuts) {
    RecordingSink sink = new RecordingSink();
    Attempt attempt = new Attempt(null);
    attempt.phase = Attempt.Phase.OPEN;
    FrameDispatcher dispatcher = new FrameDispatcher(sink, attempt, maxMessageSize);
    EmbeddedChannel channel = new EmbeddedChannel(dispatcher);
    attempt.channel = channel;
    dispatcher.start();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : bytes.length;
      if (to > from) {
        ByteBuf piece = Unpooled.directBuffer(to - from).writeBytes(bytes, from, to - from);
        inputs.add(piece);
        channel.writeInbound(piece);
      }
      from = to;
    }
    channel.finishAndReleaseAll();
    sink.pongs.forEach(WebSocketFrame::release);
    assertThat(inputs).as("every read was released").allMatch(b -> b.refCnt() == 0);
    return sink;
  }

  @Test
  void aStreamInOneReadGivesEveryMessage() {
    assertThat(feed(conversation(), 1 << 20).events).containsExactlyElementsOf(withClose(EXPECTED));
  }

  private static List<String> withClose(List<String> events) {
    List<String> all = new ArrayList<>(events);
    all.add("channel closed");
    return all;
  }

  @Test
  void everyCutInTwoGivesTheSameMessages() {
    byte[] bytes = conversation();
    // Every offset in the frames' headers and around them; the big payload in steps.
    for (int cut = 1; cut < bytes.length; cut += cut < 400 || cut > bytes.length - 400 ? 1 : 997) {
      assertThat(feed(bytes, 1 << 20, cut).events).as("cut at %d", cut).containsExactlyElementsOf(withClose(EXPECTED));
    }
  }

  @Test
  void byteByByteAndRandomCutsGiveTheSameMessages() {
    byte[] bytes = conversation();
    byte[] head = java.util.Arrays.copyOf(bytes, 500); // byte by byte through the first frames
    int[] each = new int[head.length - 1];
    for (int i = 0; i < each.length; i++) {
      each[i] = i + 1;
    }
    assertThat(feed(head, 1 << 20, each).events).startsWith("TEXT hello size 5", "TEXT héllo wörld € size 17",
        "BINARY 3 bytes size 3", "TEXT " + "x".repeat(300) + " size 300");
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int[] cuts = random.ints(1 + random.nextInt(40), 1, bytes.length).sorted().distinct().toArray();
      assertThat(feed(bytes, 1 << 20, cuts).events).as("round %d", round).containsExactlyElementsOf(withClose(EXPECTED));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2-byte length form for 125 bytes,          817E007D,                  1002",
      "8-byte length form for 65535 bytes,        817F000000000000FFFF,      1002",
      "8-byte length with the top bit set,        827F8000000000000001,      1002",
      "masked frame,                              8182000000006869,          1002",
      "reserved bit 1,                            C1026869,                  1002",
      "reserved bit 3,                            91026869,                  1002",
      "reserved data opcode 3,                    8300,                      1002",
      "reserved control opcode 11,                8B00,                      1002",
      "fragmented ping,                           0900,                      1002",
      "ping of 126 bytes,                         897E007E,                  1002",
      "continuation without a message,            80026869,                  1002",
      "new message inside a fragmented one,       01016881016869,            1002",
      "frame over the maximum size,               827E0101,                  1009",
      "close with a one-byte body,                880103,                    1002",
      "close code 999,                            880203E7,                  1002",
      "close code 1004,                           880203EC,                  1002",
      "close code 1005,                           880203ED,                  1002",
      "close code 1006,                           880203EE,                  1002",
      "close code 1015,                           880203F7,                  1002",
      "close code 2999,                           88020BB7,                  1002",
      "close reason that is not UTF-8,            880403E8C328,              1007",
      "text that is not UTF-8,                    8102C328,                  1007",
  })
  void aBrokenHeaderOrBodyIsRefusedWithItsCode(String what, String hex, int code) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    RecordingSink sink = feed(concat(bytes, frame(true, 1, utf8("after"))), 256);
    assertThat(sink.events).as(what).containsExactly("protocol error " + code, "channel closed");
    // Cut after the first byte too: the rule holds however the header arrives.
    RecordingSink cut = feed(concat(bytes, frame(true, 1, utf8("after"))), 256, 1);
    assertThat(cut.events).as(what + ", cut").containsExactly("protocol error " + code, "channel closed");
  }

  @ParameterizedTest(name = "close code {0}")
  @CsvSource({"1000", "1003", "1007", "1011", "1012", "1014", "3000", "4999"})
  void aCloseWithAnAllowedCodeReachesTheSink(int code) {
    RecordingSink sink = feed(frame(true, 8, new byte[] {(byte) (code >> 8), (byte) code}), 256);
    assertThat(sink.events).containsExactly("closed " + code + " ", "channel closed");
  }

  @Test
  void aFrameCutByTheReadIsKeptInABufferOfItsOwnAndReleasedWhenTheChannelGoes() {
    byte[] message = frame(true, 2, new byte[200]);
    // Only the first half ever comes: the dispatcher holds it, and lets it go with the channel.
    RecordingSink sink = feed(java.util.Arrays.copyOf(message, 100), 256);
    assertThat(sink.events).containsExactly("channel closed");
  }

  @Test
  void aLengthPastTheLimitIsRefusedBeforeItsPayloadIsWaitedFor() {
    // The header claims 2^40 bytes; only the header comes. Refused at once, and nothing is gathered.
    RecordingSink sink = feed(HexFormat.of().parseHex("827F0000010000000000"), 256);
    assertThat(sink.events).containsExactly("protocol error " + CloseCodes.MESSAGE_TOO_BIG, "channel closed");
    assertThat(sink.problems.get(0)).contains("1099511627776 bytes", "maximum message size of 256");
  }

  @Test
  void aHeaderAloneAllocatesNoMaximumSizeBufferButTheFrameStillArrivesWhole() {
    List<Integer> asked = new ArrayList<>();
    io.netty.buffer.ByteBufAllocator recording = new io.netty.buffer.AbstractByteBufAllocator(false) {
      @Override
      protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        asked.add(initialCapacity);
        return Unpooled.buffer(initialCapacity, maxCapacity);
      }

      @Override
      protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        asked.add(initialCapacity);
        return Unpooled.directBuffer(initialCapacity, maxCapacity);
      }

      @Override
      public boolean isDirectBufferPooled() {
        return false;
      }
    };
    RecordingSink sink = new RecordingSink();
    Attempt attempt = new Attempt(null);
    attempt.phase = Attempt.Phase.OPEN;
    FrameDispatcher dispatcher = new FrameDispatcher(sink, attempt, 8 << 20);
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(recording);
    channel.pipeline().addLast(dispatcher);
    attempt.channel = channel;
    dispatcher.start();
    byte[] big = frame(true, 2, new byte[4 << 20]); // 4 MiB, under the 8 MiB limit
    int header = 10;
    channel.writeInbound(Unpooled.wrappedBuffer(big, 0, header));
    assertThat(asked).as("a buffer for the cut frame, not of its announced size").hasSize(1)
        .allMatch(n -> n <= FrameParser.FIRST_CUT_CAPACITY);
    for (int from = header; from < big.length; from += 100_000) {
      channel.writeInbound(Unpooled.wrappedBuffer(big, from, Math.min(100_000, big.length - from)));
    }
    assertThat(sink.events).containsExactly("BINARY 4194304 bytes size 4194304");
    channel.finishAndReleaseAll();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
