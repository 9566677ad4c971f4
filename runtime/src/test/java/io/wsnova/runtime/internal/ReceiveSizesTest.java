package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The read sizes of one channel, driven the way a transport's read loop drives them. */
class ReceiveSizesTest {
  private final RecvByteBufAllocator.ExtendedHandle handle =
      (RecvByteBufAllocator.ExtendedHandle) ReceiveSizes.INSTANCE.newHandle();

  /** One wake-up: a buffer of the guessed size, {@code got} bytes read into it (-1: end of stream). */
  private int read(int got) {
    handle.reset(null);
    ByteBuf buf = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
    int asked = buf.writableBytes();
    buf.release();
    handle.attemptedBytesRead(asked);
    handle.lastBytesRead(got < 0 ? got : Math.min(got, asked));
    assertThat(handle.continueReading()).as("one read per wake-up").isFalse();
    assertThat(handle.continueReading(() -> true)).as("one read per wake-up, even with more to read").isFalse();
    handle.readComplete();
    return asked;
  }

  @Test
  void startsAt2KibAndAsksForThatMuch() {
    assertThat(handle.guess()).isEqualTo(ReceiveSizes.INITIAL);
    assertThat(read(100)).isEqualTo(2048);
  }

  @Test
  void aFullBufferMakesTheNextSixteenTimesLargerUpTo64Kib() {
    read(Integer.MAX_VALUE);
    assertThat(handle.guess()).isEqualTo(32 * 1024);
    read(Integer.MAX_VALUE);
    assertThat(handle.guess()).isEqualTo(64 * 1024);
    read(Integer.MAX_VALUE);
    assertThat(handle.guess()).as("never above the largest").isEqualTo(ReceiveSizes.LARGEST);
  }

  @Test
  void twoReadsThatWouldHaveFitOneStepDownMoveItThere() {
    read(1024);
    assertThat(handle.guess()).as("once is not a trend").isEqualTo(2048);
    read(1024);
    assertThat(handle.guess()).isEqualTo(1024);
  }

  @Test
  void aReadInBetweenKeepsTheMarkOfTheFirst() {
    read(100);
    read(1500);
    assertThat(handle.guess()).isEqualTo(2048);
    read(100);
    assertThat(handle.guess()).as("the second small read, though not the very next").isEqualTo(1024);
  }

  @Test
  void aGrownSizeIsKeptByAReadThatNeedsIt() {
    read(100);
    read(Integer.MAX_VALUE);
    assertThat(handle.guess()).isEqualTo(32 * 1024);
    read(30 * 1024);
    assertThat(handle.guess()).as("the grown size is not taken back by the read after").isEqualTo(32 * 1024);
  }

  @Test
  void below512BytesTheStepsAre16Bytes() {
    for (int i = 0; i < 4; i++) {
      read(1);
    }
    assertThat(handle.guess()).isEqualTo(512);
    read(1);
    read(1);
    assertThat(handle.guess()).isEqualTo(496);
  }

  @Test
  void neverBelow64Bytes() {
    for (int i = 0; i < 100; i++) {
      read(1);
    }
    assertThat(handle.guess()).isEqualTo(ReceiveSizes.SMALLEST);
  }

  @Test
  void theEndOfTheStreamCountsAsNothingRead() {
    read(-1);
    read(-1);
    assertThat(handle.guess()).isEqualTo(1024);
    assertThat(handle.lastBytesRead()).isEqualTo(-1);
  }

  @Test
  void everyChannelHasItsOwnSizes() {
    RecvByteBufAllocator.Handle other = ReceiveSizes.INSTANCE.newHandle();
    read(Integer.MAX_VALUE);
    assertThat(handle.guess()).isEqualTo(32 * 1024);
    assertThat(other.guess()).isEqualTo(ReceiveSizes.INITIAL);
  }
}
