package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsnova.runtime.SendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Small frames share one buffer until it is handed to the channel: in order, each frame intact, each
 * send told how the shared write went, and nothing left behind when the attempt ends first.
 */
class WireBatchTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Attempt attempt = new Attempt(null);
  private final WireBatch batch = new WireBatch();

  WireBatchTest() {
    attempt.channel = channel;
    attempt.batch = batch;
  }

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  @Test
  void framesSentBetweenFlushesLeaveInOneWriteInOrder() {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CompletableFuture<Void> f = i % 3 == 0 ? null : new CompletableFuture<>(); // replies have no future
      assertThat(batch.add(channel, 0x1, ("message " + i).getBytes(StandardCharsets.UTF_8), "message " + i, f))
          .isTrue();
      sends.add(f);
    }
    assertThat(batch.add(channel, 0x2, new byte[] {1, 2, 3}, null, null)).isTrue();
    channel.flush();
    assertThat((Object) channel.readOutbound()).as("nothing written before the hand-off").isNull();
    WireBatch.handOff(attempt);
    channel.flush();
    ByteBuf written = channel.readOutbound();
    assertThat((Object) channel.readOutbound()).as("one write for the burst").isNull();
    List<WebSocketFrame> frames = decode(written);
    assertThat(frames).hasSize(11);
    for (int i = 0; i < 10; i++) {
      assertThat(((TextWebSocketFrame) frames.get(i)).text()).isEqualTo("message " + i);
    }
    assertThat(frames.get(10)).isInstanceOf(BinaryWebSocketFrame.class);
    frames.forEach(WebSocketFrame::release);
    sends.stream().filter(f -> f != null).forEach(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
  }

  /** A frame too large to join goes in a buffer of its own, after the small frames sent before it. */
  @Test
  void aLargeFrameKeepsItsPlaceBetweenSmallOnes() {
    String large = "L".repeat(WireBatch.FRAMES_UP_TO);
    for (String text : new String[] {"small 1", large, "small 2"}) {
      assertThat(WireBatch.write(attempt, text, text.getBytes(StandardCharsets.UTF_8), null)).isTrue();
    }
    WireBatch.handOff(attempt);
    channel.flush();
    List<ByteBuf> writes = new ArrayList<>();
    for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
      writes.add(b);
    }
    assertThat(writes).as("the first batch, the large frame, the second batch").hasSize(3);
    List<WebSocketFrame> frames = decode(Unpooled.wrappedBuffer(writes.toArray(new ByteBuf[0])));
    assertThat(frames).extracting(f -> ((TextWebSocketFrame) f).text()).containsExactly("small 1", large, "small 2");
    frames.forEach(WebSocketFrame::release);
    String lone = "x".repeat(WireBatch.FRAMES_UP_TO) + "\uD800";
    assertThat(WireBatch.write(attempt, lone, lone.getBytes(StandardCharsets.UTF_8), null))
        .as("a large text that lost a surrogate").isFalse();
  }

  @Test
  void aBatchIsHandedOverBeforeItWouldPassItsSize() {
    byte[] payload = new byte[WireBatch.FRAMES_UP_TO - 14];
    int frames = WireBatch.MAX_BYTES / MaskingFrameEncoder.wireLength(payload.length) + 1;
    for (int i = 0; i < frames; i++) {
      payload[0] = (byte) i;
      batch.add(channel, 0x2, payload, null, null);
    }
    channel.flush();
    ByteBuf first = channel.readOutbound();
    assertThat(first.readableBytes()).isLessThanOrEqualTo(WireBatch.MAX_BYTES);
    WireBatch.handOff(attempt);
    channel.flush();
    ByteBuf second = channel.readOutbound();
    List<WebSocketFrame> all = decode(Unpooled.wrappedBuffer(first, second));
    assertThat(all).hasSize(frames);
    for (int i = 0; i < frames; i++) {
      assertThat(all.get(i).content().getByte(0)).as("frame %d in its place", i).isEqualTo((byte) i);
    }
    all.forEach(WebSocketFrame::release);
  }

  @Test
  void aRefusedTextAddsNothingAndLeavesTheOthersIntact() {
    assertThat(batch.add(channel, 0x1, "before".getBytes(StandardCharsets.UTF_8), "before", null)).isTrue();
    String lone = "lone \uD800";
    assertThat(batch.add(channel, 0x1, lone.getBytes(StandardCharsets.UTF_8), lone, null)).isFalse();
    assertThat(batch.add(channel, 0x1, "after?".getBytes(StandardCharsets.UTF_8), "after?", null)).isTrue();
    WireBatch.handOff(attempt);
    channel.flush();
    List<WebSocketFrame> frames = decode(channel.readOutbound());
    assertThat(frames).extracting(f -> ((TextWebSocketFrame) f).text()).containsExactly("before", "after?");
    frames.forEach(WebSocketFrame::release);

    assertThat(batch.add(channel, 0x1, lone.getBytes(StandardCharsets.UTF_8), lone, null)).isFalse();
    WireBatch.handOff(attempt);
    channel.flush();
    assertThat((Object) channel.readOutbound()).as("a batch of nothing is not written").isNull();
  }

  @Test
  void aFailedWriteFailsEverySendInTheBatch() {
    CompletableFuture<Void> one = new CompletableFuture<>();
    CompletableFuture<Void> two = new CompletableFuture<>();
    batch.add(channel, 0x1, "one".getBytes(StandardCharsets.UTF_8), "one", one);
    batch.add(channel, 0x1, "two".getBytes(StandardCharsets.UTF_8), "two", two);
    channel.close();
    WireBatch.handOff(attempt);
    for (CompletableFuture<Void> f : List.of(one, two)) {
      assertThat(f).isCompletedExceptionally();
      assertThat(f.handle((v, e) -> ((SendException) e).reason()).join()).isEqualTo(SendException.Reason.WRITE_FAILED);
    }
  }

  @Test
  void anAttemptThatEndsFirstReleasesTheBatchAndFailsItsSends() {
    List<ByteBuf> allocated = new ArrayList<>();
    EmbeddedChannel recording = new EmbeddedChannel();
    recording.config().setAllocator(recordingAllocator(allocated));
    attempt.channel = recording;
    CompletableFuture<Void> sent = new CompletableFuture<>();
    batch.add(recording, 0x1, "lost".getBytes(StandardCharsets.UTF_8), "lost", sent);
    SendException why = new SendException(SendException.Reason.NOT_CONNECTED, "dropped");
    WireBatch.drop(attempt, why);
    assertThat(sent).isCompletedExceptionally();
    assertThat(sent.handle((v, e) -> e).join()).isSameAs(why);
    assertThat(allocated).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    WireBatch.handOff(attempt);
    recording.flush();
    assertThat((Object) recording.readOutbound()).as("nothing left to write").isNull();
    recording.finishAndReleaseAll();
  }

  private static List<WebSocketFrame> decode(ByteBuf wire) {
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
    server.writeInbound(wire);
    List<WebSocketFrame> frames = new ArrayList<>();
    for (WebSocketFrame f = server.readInbound(); f != null; f = server.readInbound()) {
      frames.add(f);
    }
    server.finishAndReleaseAll();
    return frames;
  }

  /** Heap buffers, each one kept in {@code allocated} so that a test can ask whether it was released. */
  private static ByteBufAllocator recordingAllocator(List<ByteBuf> allocated) {
    return new io.netty.buffer.AbstractByteBufAllocator(false) {
      @Override
      protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf b = Unpooled.buffer(initialCapacity, maxCapacity);
        allocated.add(b);
        return b;
      }

      @Override
      protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
      }

      @Override
      public boolean isDirectBufferPooled() {
        return false;
      }
    };
  }
}
