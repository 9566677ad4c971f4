package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client frame encoder against Netty's server-side decoder (which unmasks and checks the mask bit):
 * every length class and tail length, every frame type, reserved bits, composite payloads.
 */
class MaskingFrameEncoderTest {
  private static WebSocketFrame roundTrip(WebSocketFrame sent) {
    EmbeddedChannel client = new EmbeddedChannel(new MaskingFrameEncoder());
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(true).allowExtensions(true).maxFramePayloadLength(1 << 20).build()));
    assertThat(client.writeOutbound(sent)).isTrue();
    ByteBuf wire = client.readOutbound();
    assertThat(wire.getByte(1) & 0x80).as("the mask bit").isEqualTo(0x80);
    server.writeInbound(wire);
    WebSocketFrame received = server.readInbound();
    assertThat(received).as("decoded").isNotNull();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
    return received;
  }

  private static byte[] bytes(int length) {
    byte[] b = new byte[length];
    new Random(length).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 125, 126, 127, 511, 512, 513, 1000, 65535, 65536, 70001})
  void binaryPayloadsOfEveryLengthClassArriveIntact(int length) {
    byte[] payload = bytes(length);
    WebSocketFrame received = roundTrip(new BinaryWebSocketFrame(false, 4, Unpooled.wrappedBuffer(payload)));
    try {
      assertThat(received).isInstanceOf(BinaryWebSocketFrame.class);
      assertThat(received.isFinalFragment()).isFalse();
      assertThat(received.rsv()).isEqualTo(4);
      assertThat(ByteBufUtil.getBytes(received.content())).isEqualTo(payload);
    } finally {
      received.release();
    }
  }

  @Test
  void everyFrameTypeKeepsItsOpcode() {
    WebSocketFrame[] frames = {new TextWebSocketFrame("héllo"), new PingWebSocketFrame(Unpooled.wrappedBuffer(bytes(125))), new PongWebSocketFrame(Unpooled.wrappedBuffer(bytes(5))),
        new CloseWebSocketFrame(1001, "going away")};
    for (WebSocketFrame sent : frames) {
      Class<?> type = sent.getClass();
      byte[] payload = ByteBufUtil.getBytes(sent.content());
      WebSocketFrame received = roundTrip(sent);
      try {
        assertThat(received).isInstanceOf(type);
        assertThat(ByteBufUtil.getBytes(received.content())).isEqualTo(payload);
      } finally {
        received.release();
      }
    }
  }

  @Test
  void aFragmentedMessageKeepsItsContinuationOpcode() {
    EmbeddedChannel client = new EmbeddedChannel(new MaskingFrameEncoder());
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(true).build()));
    client.writeOutbound(new TextWebSocketFrame(false, 0, "fragm"), new ContinuationWebSocketFrame(true, 0, "ented"));
    for (ByteBuf wire = client.readOutbound(); wire != null; wire = client.readOutbound()) {
      server.writeInbound(wire);
    }
    WebSocketFrame first = server.readInbound();
    WebSocketFrame second = server.readInbound();
    try {
      assertThat(first).isInstanceOf(TextWebSocketFrame.class);
      assertThat(first.isFinalFragment()).isFalse();
      assertThat(second).isInstanceOf(ContinuationWebSocketFrame.class);
      assertThat(((ContinuationWebSocketFrame) second).text()).isEqualTo("ented");
    } finally {
      first.release();
      second.release();
      client.finishAndReleaseAll();
      server.finishAndReleaseAll();
    }
  }

  @Test
  void aCompositePayloadIsMaskedAsOne() {
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    composite.addComponent(true, Unpooled.wrappedBuffer("first part, ".getBytes(StandardCharsets.UTF_8)));
    composite.addComponent(true, Unpooled.wrappedBuffer("second".getBytes(StandardCharsets.UTF_8)));
    WebSocketFrame received = roundTrip(new TextWebSocketFrame(composite));
    try {
      assertThat(((TextWebSocketFrame) received).text()).isEqualTo("first part, second");
    } finally {
      received.release();
    }
  }

  @Test
  void everyFrameHasAFreshMask() {
    ByteBuf a = MaskingFrameEncoder.encode(ByteBufAllocator.DEFAULT, new TextWebSocketFrame("same"));
    ByteBuf b = MaskingFrameEncoder.encode(ByteBufAllocator.DEFAULT, new TextWebSocketFrame("same"));
    try {
      assertThat(a.getInt(2)).isNotEqualTo(b.getInt(2)); // 1 in 2^32 to fail by chance
    } finally {
      a.release();
      b.release();
    }
  }

  /** The allocators a channel may have: Netty 4.2's adaptive default, the pooled one direct and heap, unpooled heap. */
  private static final ByteBufAllocator[] ALLOCATORS = {ByteBufAllocator.DEFAULT,
      new io.netty.buffer.PooledByteBufAllocator(true), new io.netty.buffer.PooledByteBufAllocator(false),
      new io.netty.buffer.UnpooledByteBufAllocator(false)};

  /** The send path of a connection without an extension: a whole message masked straight from its array. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 125, 126, 127, 1000, 65535, 65536, 70001})
  void aMessageEncodedFromItsArrayArrivesIntactWithEveryAllocator(int length) {
    byte[] payload = bytes(length);
    for (ByteBufAllocator alloc : ALLOCATORS) {
      for (int opcode : new int[] {0x1, 0x2}) {
        byte[] sent = opcode == 0x1 ? "x".repeat(length).getBytes(StandardCharsets.UTF_8) : payload;
        ByteBuf wire = MaskingFrameEncoder.encode(alloc, opcode, sent, opcode == 0x1 ? "x".repeat(length) : null);
        assertThat(wire.readableBytes()).as("header and payload, nothing more")
            .isEqualTo(2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + 4 + length);
        assertThat(wire.getByte(0) & 0xFF).as("FIN, no reserved bits, the opcode").isEqualTo(0x80 | opcode);
        assertThat(wire.getByte(1) & 0x80).as("the mask bit").isEqualTo(0x80);
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
        server.writeInbound(wire);
        WebSocketFrame received = server.readInbound();
        try {
          assertThat(received).as(alloc + ", opcode " + opcode)
              .isInstanceOf(opcode == 0x1 ? TextWebSocketFrame.class : BinaryWebSocketFrame.class);
          assertThat(received.isFinalFragment()).isTrue();
          assertThat(ByteBufUtil.getBytes(received.content())).as(alloc + ", opcode " + opcode).isEqualTo(sent);
        } finally {
          received.release();
          server.finishAndReleaseAll();
        }
      }
    }
  }

  /**
   * The masking pass is also the check that a text had no unpaired surrogate (the JDK's encoder leaves a '?'
   * for one): at every offset of the word loop and the byte tail, short of the view threshold and past it.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 13, 16, 511, 512, 1000})
  void aTextThatLostASurrogateIsRefusedAndAQuestionMarkIsNot(int length) {
    for (int at = 0; at < length; at += Math.max(1, length / 40)) {
      for (int shift : new int[] {0, length - 1 - at}) { // near the start and near the end
        int where = Math.min(at + shift, length - 1);
        String asked = "x".repeat(where) + "?" + "x".repeat(length - where - 1);
        ByteBuf wire = MaskingFrameEncoder.encode(ByteBufAllocator.DEFAULT, 0x1,
            asked.getBytes(StandardCharsets.UTF_8), asked);
        assertThat(wire).as("'?' at %d of %d", where, length).isNotNull();
        wire.release();
        String lone = "x".repeat(where) + "\uDE00" + "x".repeat(length - where - 1);
        assertThat(MaskingFrameEncoder.encode(ByteBufAllocator.DEFAULT, 0x1, lone.getBytes(StandardCharsets.UTF_8),
            lone)).as("lone surrogate at %d of %d", where, length).isNull();
        assertThat(MaskingFrameEncoder.encode(ByteBufAllocator.DEFAULT, 0x2, lone.getBytes(StandardCharsets.UTF_8),
            null)).as("binary: a '?' byte is data").isNotNull().satisfies(ByteBuf::release);
      }
    }
  }
}
