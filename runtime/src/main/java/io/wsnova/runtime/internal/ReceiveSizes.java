package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How much a channel reads at a time: one read per wake-up, into a buffer whose size follows what the
 * reads bring, by the rules of Netty's adaptive allocator, which this replaces. The sizes are steps of 16
 * bytes up to 512, then powers of two up to 64 KiB; a channel starts at 2 KiB and never goes below 64
 * bytes. A read that fills its buffer moves four steps up (2 KiB to 32 KiB); a read that would have fit
 * one step down marks the size as too large, and the next such read, not necessarily the very next read,
 * moves it one step down. The rules matter: growing four times at a time and forgetting the mark on a
 * read in between, as a first version of this class did, kept buffers larger, replies waited longer for
 * their flush, and the echo benchmark at 1 KiB lost a tenth to a sixth of its messages.
 *
 * <p>One read per wake-up, not Netty's sixteen for sockets: a read takes all the socket holds, up to the
 * buffer's size; then the read completes, so that replies written while handling it are flushed at once
 * instead of after up to fifteen more reads. In the echo benchmark at 1 KiB that took wsnova from
 * 1.34x-1.36x to 1.73x-1.78x raw Netty's messages (the round trip shortened), for about a sixth more CPU
 * per message (raw Netty with the same setting gains as much; see the README's performance notes). A
 * channel that had more to read is read again after the loop's other work (the transport arranges it),
 * which also keeps a busy connection from starving the others on its loop.
 *
 * <p>Why not Netty's own: its handle is three objects and 112 bytes per channel (a handle, a calculator
 * and a supplier, made for reading many times per wake-up); this one is one object of 32 bytes, which an
 * idle fleet of connections notices. The allocator itself is shared by every channel.
 */
final class ReceiveSizes implements RecvByteBufAllocator {
  static final ReceiveSizes INSTANCE = new ReceiveSizes();
  static final int SMALLEST = 64;
  static final int INITIAL = 2048;
  static final int LARGEST = 64 * 1024;

  /** The sizes a buffer may have, ascending: 16 to 496 by 16, then 512 to 64 KiB by doubling. */
  private static final int[] STEPS = steps();
  private static final int SMALLEST_STEP = stepOf(SMALLEST);
  private static final int INITIAL_STEP = stepOf(INITIAL);
  private static final int LARGEST_STEP = stepOf(LARGEST);
  /** How many steps a filled buffer moves up. */
  private static final int GROW_STEPS = 4;

  private ReceiveSizes() {}

  private static int[] steps() {
    int[] steps = new int[31 + 8];
    int i = 0;
    for (int size = 16; size < 512; size += 16) {
      steps[i++] = size;
    }
    for (int size = 512; size <= LARGEST; size <<= 1) {
      steps[i++] = size;
    }
    return steps;
  }

  private static int stepOf(int size) {
    for (int i = 0; i < STEPS.length; i++) {
      if (STEPS[i] == size) {
        return i;
      }
    }
    throw new IllegalArgumentException(size + " is no step");
  }

  @Override
  @SuppressWarnings("deprecation") // Netty's transports ask for the extended handle, which this is
  public Handle newHandle() {
    return new Sizer();
  }

  /** The state of one channel's reads: its step, and what the last read asked for and got. */
  @SuppressWarnings("deprecation") // ExtendedHandle extends the deprecated Handle; transports need it
  static final class Sizer implements RecvByteBufAllocator.ExtendedHandle {
    private int step = INITIAL_STEP;
    private int attempted;
    private int last;
    /** A read would have fit one step down: the next such read moves there. */
    private boolean tooLarge;

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(STEPS[step]);
    }

    @Override
    public int guess() {
      return STEPS[step];
    }

    @Override
    public void reset(ChannelConfig config) {
      last = 0;
    }

    @Override
    public void incMessagesRead(int numMessages) {
      // One read per wake-up: nothing to count.
    }

    /** A read that filled its buffer grows the next one at once: the socket likely holds more. */
    @Override
    public void lastBytesRead(int bytes) {
      last = bytes;
      if (bytes > 0 && bytes == attempted) {
        learn(bytes);
      }
    }

    @Override
    public int lastBytesRead() {
      return last;
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      attempted = bytes;
    }

    @Override
    public int attemptedBytesRead() {
      return attempted;
    }

    @Override
    public boolean continueReading() {
      return false;
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return false;
    }

    @Override
    public void readComplete() {
      learn(Math.max(last, 0));
    }

    private void learn(int got) {
      if (got <= STEPS[Math.max(step - 1, 0)]) {
        if (tooLarge) {
          step = Math.max(step - 1, SMALLEST_STEP);
          tooLarge = false;
        } else {
          tooLarge = true;
        }
      } else if (got >= STEPS[step]) {
        step = Math.min(step + GROW_STEPS, LARGEST_STEP);
        tooLarge = false;
      }
    }
  }
}
