package io.wsnova.runtime.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.SendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The write path of one connection: prepares, checks and writes data frames, writes control frames, and
 * flushes in batches.
 *
 * <p>Sends from the event loop (replies, sends from callbacks) are written at once and flushed when the
 * read completes; small ones written between two flushes share one buffer ({@link WireBatch}). Sends
 * from other threads go into one multi-producer queue that a single task on the loop drains, writing up
 * to {@link #BATCH} frames and then flushing, so bytes leave while a burst is still arriving; and
 * ordering holds, since a send from the loop joins the queue whenever it is not empty.
 *
 * <p>The outbound limit bounds both stages: the channel's high water mark is the limit, and the queue
 * holds at most the limit. While the channel is over its mark, draining pauses (queued sends wait rather
 * than fail), pongs are dropped (RFC 6455 section 5.5.3 lets an endpoint answer only the latest ping)
 * and reading pauses, so a peer that floods pings and reads nothing cannot make the client buffer without
 * bound. A send that would take the queue over the limit fails with {@code BUFFER_FULL}: with the
 * channel draining, that happens only when the peer reads slower than this side sends.
 * {@link #whenWritable()} tells users when there is room again: nothing queued and the channel writable,
 * two states whose every change this class sees.
 *
 * <p>Confined to the connection's event loop, except {@link #submit}, {@link #whenWritable} and
 * {@link #bufferedBytes}, which any thread may call.
 */
final class Outbound implements Runnable {
  /** How many queued frames one drain writes before it flushes and yields the loop. */
  static final int BATCH = 64;

  /** What the write path needs from its connection. */
  interface Owner {
    /** The frame to send after the prepare frame callback; throws what the callback threw. */
    Frame prepare(Frame frame) throws Exception;

    /** Why nothing can be sent now (not connected, or closed). */
    SendException notSendable();

    /** A reply (a send with no caller to tell) failed. */
    void replyFailed(Throwable cause);

    /** A data frame of {@code bytes} payload bytes was handed to the channel. */
    void sent(FrameType type, int bytes);

    /** A send failed (its caller is told too, if it has one). */
    void sendFailed(SendException e);

    /** The connection's event loop (asked, not kept: a field less per connection). */
    EventLoop loop();

    /** The connection's options: the outbound limit and the maximum message size. */
    Options options();
  }

  private record Pending(Frame frame, CompletableFuture<Void> result, long estimate) {}

  private final Owner owner;
  /**
   * Created by the first send from another thread: most connections never have one, and an MPSC queue with
   * its padding and first chunk costs about as much heap as the rest of an idle connection.
   */
  private volatile Queue<Pending> queue;
  private static final AtomicReferenceFieldUpdater<Outbound, Queue> QUEUE =
      AtomicReferenceFieldUpdater.newUpdater(Outbound.class, Queue.class, "queue");
  // Field updaters over plain volatile fields, not AtomicLong/AtomicBoolean objects: 40 bytes less for
  // each connection of a fleet.
  private static final AtomicLongFieldUpdater<Outbound> QUEUED_BYTES =
      AtomicLongFieldUpdater.newUpdater(Outbound.class, "queuedBytes");
  private static final AtomicIntegerFieldUpdater<Outbound> DRAIN_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(Outbound.class, "drainScheduled");
  private volatile long queuedBytes;
  /** 1 while a drain task is scheduled. */
  private volatile int drainScheduled;
  // Loop-confined.
  private Attempt attempt;
  /** {@link #whenWritable} calls waiting for room; made by the first (an idle connection has none). */
  private List<CompletableFuture<Void>> writableWaiters;
  private long droppedPongs;
  private long framesSent;
  private long bytesSent;

  Outbound(Owner owner) {
    this.owner = owner;
  }

  /** The attempt whose channel takes writes, or {@code null} between attempts. On the loop. */
  void attach(Attempt a) {
    attempt = a;
  }

  /** The attempt ended: queued sends fail with why, and waiters for room are told. On the loop. */
  void detach(SendException why) {
    if (attempt != null) {
      WireBatch.drop(attempt, why);
    }
    attempt = null;
    failQueued(why);
    List<CompletableFuture<Void>> waiters = writableWaiters;
    writableWaiters = null;
    if (waiters != null) {
      waiters.forEach(w -> w.completeExceptionally(why));
    }
  }

  /** Bytes waiting to be sent: queued sends and what the channel holds. Any thread. */
  long bufferedBytes() {
    Attempt a = attempt;
    Channel ch = a == null ? null : a.channel;
    long inChannel = ch == null ? 0 : Math.max(0, owner.options().outboundBufferLimit() - ch.bytesBeforeUnwritable());
    return queuedBytes + inChannel;
  }

  /** Data frames written, over every attempt. On the loop. */
  long framesSent() {
    return framesSent;
  }

  /** Payload bytes of the data frames written, over every attempt. On the loop. */
  long bytesSent() {
    return bytesSent;
  }

  /** Pongs not sent because the outbound buffer was full (the peer pinged faster than it read). */
  long droppedPongs() {
    return droppedPongs;
  }

  // ------------------------------------------------------------------ data frames

  /** {@link #submit}, in the shape the session layer's senders take (the options were applied before). */
  void submitWith(Frame frame, CompletableFuture<Void> result, io.wsnova.runtime.SendOptions options) {
    submit(frame, result);
  }

  /**
   * Sends a data frame; {@code result} is the caller's future, or {@code null} for a reply, whose
   * failure goes to {@link Owner#replyFailed}. Any thread.
   */
  void submit(Frame frame, CompletableFuture<Void> result) {
    long estimate = frame.type() == FrameType.TEXT ? frame.text().length() : frame.bytes().length;
    if (owner.loop().inEventLoop() && queueIsEmpty() && isWritable()) {
      write(frame, result);
      return;
    }
    int limit = owner.options().outboundBufferLimit();
    if (estimate + queuedBytes > limit) {
      fail(result, new SendException(SendException.Reason.BUFFER_FULL, "more than the outbound limit of " + limit
          + " bytes is waiting to be sent: the peer is not reading as fast as this connection sends; wait for"
          + " Connection.whenWritable() or send less"));
      return;
    }
    QUEUED_BYTES.addAndGet(this, estimate);
    queueForAdding().add(new Pending(frame, result, estimate));
    scheduleDrain();
  }

  /**
   * Completes when there is room to send again: nothing queued, and the channel writable (below its high
   * water mark, the limit, or back below half of it after reaching it). Any thread.
   */
  CompletableFuture<Void> whenWritable() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    onLoop(() -> {
      if (attempt == null) {
        f.completeExceptionally(owner.notSendable());
      } else if (hasRoom()) {
        f.complete(null);
      } else {
        if (writableWaiters == null) {
          writableWaiters = new ArrayList<>(2);
        }
        writableWaiters.add(f);
      }
    }, f);
    return f;
  }

  private boolean hasRoom() {
    return queueIsEmpty() && isWritable();
  }

  private void notifyIfRoom() {
    if (writableWaiters != null && hasRoom()) {
      List<CompletableFuture<Void>> waiters = writableWaiters;
      writableWaiters = null;
      waiters.forEach(w -> w.complete(null));
    }
  }

  private boolean isWritable() {
    Attempt a = attempt;
    return a != null && a.channel != null && a.channel.isWritable();
  }

  private void scheduleDrain() {
    if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
      try {
        owner.loop().execute(this);
      } catch (RejectedExecutionException e) {
        drainScheduled = 0;
        failQueued(new SendException(SendException.Reason.CLOSED, "the client is closed", e));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Queue<Pending> queueForAdding() {
    Queue<Pending> q = queue;
    if (q == null) {
      QUEUE.compareAndSet(this, null, PlatformDependent.newMpscQueue(64, 1 << 30));
      q = queue;
    }
    return q;
  }

  private boolean queueIsEmpty() {
    Queue<Pending> q = queue;
    return q == null || q.isEmpty();
  }

  private Pending poll() {
    Queue<Pending> q = queue;
    return q == null ? null : q.poll();
  }

  /** The drain task: Outbound is its own task, so that a connection keeps no object for it. */
  @Override
  public void run() {
    drain();
  }

  /** Writes up to a batch of queued sends, flushes them, and comes back for more after other tasks. */
  private void drain() {
    drainScheduled = 0;
    Attempt a = attempt;
    if (a == null || a.phase != Attempt.Phase.OPEN || a.closeSent) {
      failQueued(owner.notSendable());
      return;
    }
    int written = 0;
    Pending p;
    while (written < BATCH && a.channel.isWritable() && (p = poll()) != null) {
      QUEUED_BYTES.addAndGet(this, -p.estimate);
      write(p.frame, p.result);
      written++;
    }
    if (written > 0) {
      flushNow(a);
    }
    if (!queueIsEmpty() && a.channel.isWritable()) {
      scheduleDrain(); // more to do: after the tasks (reads among them) queued meanwhile
    }
    // Not writable: channelWritabilityChanged resumes draining.
    notifyIfRoom();
  }

  /** The channel's writability changed (from the pipeline). On the loop. */
  void writabilityChanged(Attempt a) {
    if (a != attempt) {
      return;
    }
    boolean writable = a.channel.isWritable();
    // Stop reading while we cannot write: a peer that sends and never reads cannot pile up our answers.
    a.channel.config().setAutoRead(writable);
    if (writable) {
      if (!queueIsEmpty()) {
        scheduleDrain(); // which tells the waiters once the queue is empty
      } else {
        notifyIfRoom();
      }
    }
  }

  private void failQueued(SendException why) {
    Pending p;
    while ((p = poll()) != null) {
      QUEUED_BYTES.addAndGet(this, -p.estimate);
      fail(p.result, why);
    }
  }

  /** Prepares, checks and writes one data frame. On the loop. */
  private void write(Frame frame, CompletableFuture<Void> result) {
    Attempt a = attempt;
    if (a == null || a.phase != Attempt.Phase.OPEN || a.closeSent) {
      fail(result, owner.notSendable());
      return;
    }
    Frame prepared;
    try {
      prepared = owner.prepare(frame);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      if (result == null) {
        owner.replyFailed(t);
      } else {
        result.completeExceptionally(new SendException(SendException.Reason.PREPARE_FAILED, t.toString(), t));
      }
      return;
    }
    String text = prepared.type() == FrameType.TEXT ? prepared.text() : null;
    // The JDK's encoder, fast but lenient: the encoding below refuses what it let through.
    byte[] bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : prepared.bytes();
    int maxMessageSize = owner.options().maxMessageSize();
    if (bytes.length > maxMessageSize) {
      fail(result, new SendException(SendException.Reason.TOO_LARGE,
          bytes.length + " bytes is more than the maximum message size of " + maxMessageSize));
      return;
    }
    boolean encoded;
    try {
      encoded = WireBatch.write(a, text, bytes, result);
    } catch (RuntimeException e) { // the allocator could not give a buffer
      fail(result, SendFuture.writeFailed(e));
      return;
    }
    if (!encoded) {
      fail(result, new SendException(SendException.Reason.INVALID_TEXT, "the text holds an unpaired surrogate,"
          + " which is no Unicode character and has no UTF-8 form; RFC 6455 requires valid UTF-8"));
      return;
    }
    framesSent++;
    bytesSent += bytes.length;
    owner.sent(prepared.type(), bytes.length);
    scheduleFlush(a);
  }

  private void fail(CompletableFuture<Void> result, SendException e) {
    owner.sendFailed(e);
    if (result == null) {
      owner.replyFailed(e);
    } else {
      result.completeExceptionally(e);
    }
  }

  // ------------------------------------------------------------------ control frames

  /**
   * Writes a pong unless the outbound buffer is full: then it is dropped, since the peer is not reading
   * and a later pong answers for it (RFC 6455 section 5.5.3). Takes ownership of {@code pong}.
   */
  void writePong(Attempt a, WebSocketFrame pong) {
    if (a != attempt || pong.content().readableBytes() + 2 > a.channel.bytesBeforeUnwritable()) {
      droppedPongs++;
      pong.release();
      return;
    }
    WireBatch.handOff(a);
    a.channel.write(MaskingFrameEncoder.wireForm(a, pong), a.channel.voidPromise());
    scheduleFlush(a);
  }

  /** Writes a control frame that must go out (a ping); {@code result}, if not null, completes when written. */
  void writeControl(Attempt a, WebSocketFrame frame, CompletableFuture<Void> result) {
    Object wire;
    try {
      wire = MaskingFrameEncoder.wireForm(a, frame);
    } catch (RuntimeException e) { // the allocator could not give a buffer
      if (result != null) {
        result.completeExceptionally(SendFuture.writeFailed(e));
      }
      return;
    }
    WireBatch.handOff(a);
    a.channel.write(wire, SendFuture.promiseFor(a.channel, result));
    scheduleFlush(a);
  }

  // ------------------------------------------------------------------ flushing

  /**
   * One flush per burst, not per frame: inside a read the flush comes at read-complete; otherwise a task
   * flushes after this loop turn's writes (LANDSCAPE.md: 6-7x at 64 bytes).
   */
  private void scheduleFlush(Attempt a) {
    if (a.flushPending) {
      return;
    }
    a.flushPending = true;
    if (!a.inRead) {
      owner.loop().execute(() -> flushIfPending(a));
    }
  }

  void flushIfPending(Attempt a) {
    if (a.flushPending) {
      flushNow(a);
    }
  }

  private static void flushNow(Attempt a) {
    a.flushPending = false;
    WireBatch.handOff(a);
    a.channel.flush();
  }

  private void onLoop(Runnable task, CompletableFuture<?> failOnReject) {
    Loops.onLoop(owner.loop(), task, failOnReject);
  }

}
