package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.wsnova.runtime.SendException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * Small data frames of one channel, encoded back to back into one buffer between flushes: one buffer, one
 * channel write and one outbound-buffer entry per burst instead of per message. Profiled at 64 bytes with
 * 64 messages in flight, allocating, writing, tracking and releasing a buffer per frame was about half of
 * the client's own CPU per message. A burst is what one read's callbacks send, or one drain of sends from
 * other threads; every flush hands the batch to the channel first.
 *
 * <p>The batch starts as large as its first frame and grows as frames join (the allocator's size classes,
 * doubling), so a batch of one frame holds no more memory than a buffer of its own would: a peer that makes
 * the client answer one frame at a time while it reads nothing cannot make the outbound buffer's memory
 * much larger than the bytes it counts. Frames larger than {@link #FRAMES_UP_TO} get a buffer of their own,
 * as before (their copy costs more than the write).
 *
 * <p>Order is the channel's: whatever is written to the channel directly (control frames, a frame too large
 * to join) is written after {@link #handOff} of the frames before it. The sends in a batch learn together
 * how its write went. Confined to the event loop.
 */
final class WireBatch {
  /** The largest frame, header and masking key included, that joins a batch. */
  static final int FRAMES_UP_TO = 512;
  /** A batch is handed to the channel before a frame would take it past this. */
  static final int MAX_BYTES = 16 * 1024;

  private ByteBuf open;
  /** Who waits for the open batch's write: null, one send's future, or {@link Waiters}. */
  private Object waiters;

  /**
   * Writes a whole message to the attempt's channel, not flushed: into its batch when the frame is small and
   * no extension is agreed, else in a buffer (or, for the deflater, a frame) of its own after the batch, so
   * the order on the wire is the order of the sends. False, with nothing written, when {@code text} (null for
   * a binary message) lost a surrogate; {@code result}, if not null, completes when the bytes are written.
   * Throws what the allocator throws.
   */
  static boolean write(Attempt a, String text, byte[] bytes, CompletableFuture<Void> result) {
    if (a.deflate == null && MaskingFrameEncoder.wireLength(bytes.length) <= FRAMES_UP_TO) {
      if (a.batch == null) {
        a.batch = new WireBatch();
      }
      return a.batch.add(a.channel, text == null ? 0x2 : 0x1, bytes, text, result);
    }
    Object wire = MaskingFrameEncoder.wireForm(a, text, bytes);
    if (wire == null) {
      return false;
    }
    handOff(a); // the smaller frames sent before it go first
    a.channel.write(wire, SendFuture.promiseFor(a.channel, result));
    return true;
  }

  /**
   * Encodes a whole message into the open batch (see {@link MaskingFrameEncoder#encodeInto}); false, with
   * nothing added, when {@code text} lost a surrogate. {@code result}, if not null, completes when the
   * batch is written. Throws what the allocator throws, with the batch as it was.
   */
  boolean add(Channel ch, int opcode, byte[] payload, String text, CompletableFuture<Void> result) {
    int needed = MaskingFrameEncoder.wireLength(payload.length);
    if (open != null && open.readableBytes() + needed > MAX_BYTES) {
      handOff(ch);
    }
    if (open == null) {
      open = ch.alloc().buffer(needed);
    } else {
      open.ensureWritable(needed);
    }
    if (!MaskingFrameEncoder.encodeInto(open, opcode, payload, text)) {
      return false;
    }
    if (result != null) {
      waitFor(result);
    }
    return true;
  }

  private void waitFor(CompletableFuture<Void> result) {
    if (waiters == null) {
      waiters = result;
    } else if (waiters instanceof Waiters list) {
      list.add(result);
    } else {
      @SuppressWarnings("unchecked")
      CompletableFuture<Void> first = (CompletableFuture<Void>) waiters;
      Waiters list = new Waiters();
      list.add(first);
      list.add(result);
      waiters = list;
    }
  }

  /** Writes the open batch to {@code ch}, not flushed; the next frame starts a new one. */
  void handOff(Channel ch) {
    ByteBuf batch = open;
    if (batch == null) {
      return;
    }
    Object w = waiters;
    open = null;
    waiters = null;
    if (!batch.isReadable()) { // its only frame was refused
      batch.release();
      return;
    }
    ch.write(batch, promise(ch, w));
  }

  @SuppressWarnings("unchecked")
  private static ChannelPromise promise(Channel ch, Object waiters) {
    if (waiters instanceof Waiters list) {
      return ch.newPromise().addListener(list);
    }
    return SendFuture.promiseFor(ch, (CompletableFuture<Void>) waiters);
  }

  /** Hands the attempt's open batch, if any, to its channel: before anything written to it directly. */
  static void handOff(Attempt a) {
    if (a.batch != null) {
      a.batch.handOff(a.channel);
    }
  }

  /** The attempt ended with frames not yet handed to its channel: they never leave, and their sends fail. */
  static void drop(Attempt a, SendException why) {
    WireBatch b = a.batch;
    if (b == null || b.open == null) {
      return;
    }
    b.open.release();
    b.open = null;
    Object w = b.waiters;
    b.waiters = null;
    if (w instanceof Waiters list) {
      list.forEach(f -> f.completeExceptionally(why));
    } else if (w instanceof CompletableFuture<?> f) {
      f.completeExceptionally(why);
    }
  }

  /** The sends of one batch: told together, when its write completes. */
  private static final class Waiters extends ArrayList<CompletableFuture<Void>> implements ChannelFutureListener {
    private static final long serialVersionUID = 1L;

    @Override
    public void operationComplete(ChannelFuture write) {
      for (CompletableFuture<Void> w : this) {
        SendFuture.completeWith(w, write);
      }
    }
  }
}
