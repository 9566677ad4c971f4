package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How much a channel reads at a time: one read per wake-up, into a buffer whose size follows what the
 * reads bring. A read that fills its buffer makes the next one four times larger (a burst reaches 64 KiB
 * in three reads); two reads in a row that use at most half of it halve it; between 64 bytes and 64 KiB,
 * starting at 2 KiB. Shared by every channel; what it learns of a channel's reads is in that channel's
 * handle.
 *
 * <p>One read per wake-up, not Netty's sixteen for sockets: a read takes all the socket holds, up to the
 * buffer's size; then the read completes, so that replies written while handling it are flushed at once
 * instead of after up to fifteen more reads. In the echo benchmark at 1 KiB that took wsnova from
 * 1.34x-1.36x to 1.73x-1.78x raw Netty's messages (the round trip shortened), for about a sixth more CPU
 * per message (raw Netty with the same setting gains as much; see the README's performance notes). A
 * channel that had more to read is read again after the loop's other work (the transport arranges it),
 * which also keeps a busy connection from starving the others on its loop.
 *
 * <p>Netty's adaptive allocator, which this replaces, does the same sizing with three objects and 112 bytes
 * per channel (a handle, a calculator and a supplier, made for reading many times per wake-up); this
 * handle is one object of 32 bytes, which an idle fleet of connections notices.
 */
final class ReceiveSizes implements RecvByteBufAllocator {
  static final ReceiveSizes INSTANCE = new ReceiveSizes();
  static final int SMALLEST = 64;
  static final int INITIAL = 2048;
  static final int LARGEST = 64 * 1024;

  private ReceiveSizes() {}

  @Override
  @SuppressWarnings("deprecation") // Netty's transports ask for the extended handle, which this is
  public Handle newHandle() {
    return new Sizer();
  }

  /** The state of one channel's reads: the next size, and what the last read asked for and got. */
  @SuppressWarnings("deprecation") // ExtendedHandle extends the deprecated Handle; transports need it
  static final class Sizer implements RecvByteBufAllocator.ExtendedHandle {
    private int size = INITIAL;
    private int attempted;
    private int last;
    /** The last read used at most half the buffer: one more such read and it halves. */
    private boolean halveNext;

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(size);
    }

    @Override
    public int guess() {
      return size;
    }

    @Override
    public void reset(ChannelConfig config) {
      last = 0;
    }

    @Override
    public void incMessagesRead(int numMessages) {
      // One read per wake-up: nothing to count.
    }

    @Override
    public void lastBytesRead(int bytes) {
      last = bytes;
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

    /** The read is over: the next buffer's size from what this one got. */
    @Override
    public void readComplete() {
      int got = Math.max(last, 0);
      if (got > 0 && got >= attempted) { // filled: there may well be more
        attempted = 0;
        size = Math.min(size * 4, LARGEST);
        halveNext = false;
      } else if (got <= size / 2) {
        if (halveNext) {
          size = Math.max(size / 2, SMALLEST);
          halveNext = false;
        } else {
          halveNext = true;
        }
      } else {
        halveNext = false;
      }
    }
  }
}
