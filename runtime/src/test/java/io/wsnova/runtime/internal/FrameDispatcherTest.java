package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher alone: reassembly, UTF-8, limits, control frames and buffer ownership, with no socket. */
class FrameDispatcherTest {
  private final RecordingSink sink = new RecordingSink();
  private final Attempt attempt = new Attempt(null);
  private final List<ByteBuf> inputs = new ArrayList<>();
  private FrameDispatcher dispatcher;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() {
    attempt.phase = Attempt.Phase.OPEN;
    dispatcher = new FrameDispatcher(sink, attempt, 16);
    channel = new EmbeddedChannel(dispatcher);
    attempt.channel = channel;
  }

  @AfterEach
  void everyBufferWasReleased() {
    channel.finishAndReleaseAll();
    sink.pongs.forEach(WebSocketFrame::release);
    assertThat(inputs).as("every frame fed in was released").allMatch(b -> b.refCnt() == 0);
  }

  private ByteBuf bytes(byte... b) {
    ByteBuf buf = Unpooled.copiedBuffer(b);
    inputs.add(buf);
    return buf;
  }

  private ByteBuf utf8(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void framesBeforeStartWaitAndThenArriveInOrder() {
    channel.writeInbound(new TextWebSocketFrame(utf8("first")), new BinaryWebSocketFrame(bytes((byte) 1, (byte) 2)));
    assertThat(sink.events).isEmpty();
    dispatcher.start();
    assertThat(sink.events).containsExactly("TEXT first size 5", "BINARY 2 bytes size 2");
  }

  @Test
  void fragmentsAreReassembledEvenWhenACharacterSpansThem() {
    dispatcher.start();
    byte[] hello = "héllo".getBytes(StandardCharsets.UTF_8); // é is two bytes: split it
    channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(hello[0], hello[1])));
    channel.writeInbound(new ContinuationWebSocketFrame(false, 0, bytes(hello[2], hello[3])));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes(hello[4], hello[5])));
    assertThat(sink.events).containsExactly("TEXT héllo size 6");
  }

  @Test
  void invalidUtf8ClosesWith1007AtTheFragmentNotAtTheEnd() {
    dispatcher.start();
    channel.writeInbound(new TextWebSocketFrame(false, 0, bytes((byte) 'a', (byte) 0xFF)));
    assertThat(sink.events).containsExactly("protocol error " + CloseCodes.INVALID_PAYLOAD);
  }

  @Test
  void aMessageOverTheLimitClosesWith1009() {
    dispatcher.start();
    channel.writeInbound(new BinaryWebSocketFrame(false, 0, bytes(new byte[10])));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes(new byte[10])));
    assertThat(sink.events).containsExactly("protocol error " + CloseCodes.MESSAGE_TOO_BIG);
  }

  @Test
  void aContinuationWithoutAMessageClosesWith1002() {
    dispatcher.start();
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes((byte) 1)));
    assertThat(sink.events).containsExactly("protocol error " + CloseCodes.PROTOCOL_ERROR);
  }

  @Test
  void aPingBetweenFragmentsIsAnsweredWithACopyOfItsPayload() {
    dispatcher.start();
    channel.writeInbound(new TextWebSocketFrame(false, 0, utf8("ab")));
    ByteBuf pingPayload = utf8("are you there");
    channel.writeInbound(new PingWebSocketFrame(pingPayload));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, utf8("cd")));
    assertThat(sink.events).containsExactly("ping are you there", "TEXT abcd size 4");
    assertThat(pingPayload.refCnt()).as("the pong holds no part of the ping's buffer").isZero();
    assertThat(sink.pongs.get(0).content().toString(StandardCharsets.UTF_8)).isEqualTo("are you there");
  }

  @Test
  void pongsAndClosesReachTheSink() {
    dispatcher.start();
    channel.writeInbound(new PongWebSocketFrame(utf8("hb")));
    ByteBuf close = bytes((byte) 0x03, (byte) 0xE8, (byte) 'o', (byte) 'k');
    channel.writeInbound(new CloseWebSocketFrame(true, 0, close));
    assertThat(sink.events).containsExactly("pong hb", "closed 1000 ok");
  }

  @Test
  void aCloseReasonCutInsideACharacterClosesWith1007() {
    dispatcher.start();
    ByteBuf close = bytes((byte) 0x03, (byte) 0xE8, (byte) 'o', (byte) 0xCE);
    channel.writeInbound(new CloseWebSocketFrame(true, 0, close));
    assertThat(sink.events).containsExactly("protocol error " + CloseCodes.INVALID_PAYLOAD);
  }

  @Test
  void removingTheDispatcherReleasesWhatItHolds() {
    ByteBuf early = utf8("waiting");
    channel.writeInbound(new TextWebSocketFrame(early));
    channel.pipeline().remove(dispatcher);
    assertThat(early.refCnt()).isZero();
    assertThat(sink.events).isEmpty();
  }
}
