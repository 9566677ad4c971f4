package io.wsnova.runtime.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.wsnova.runtime.SendException;
import java.util.concurrent.CompletableFuture;

/**
 * What a send returns, made by the session layer: the caller's future, and also the listener of its frame's
 * channel write, so that the write path adds no listener object per message (a send's cost at 64 bytes is
 * counted in objects).
 */
final class SendFuture extends CompletableFuture<Void> implements ChannelFutureListener {

  /** The channel write of this send's frame is done: the caller learns how it went. */
  @Override
  public void operationComplete(ChannelFuture write) {
    completeWith(this, write);
  }

  /** Completes {@code result} as {@code write} completed: done, or failed with {@code WRITE_FAILED} and why. */
  static void completeWith(CompletableFuture<Void> result, ChannelFuture write) {
    if (write.isSuccess()) {
      result.complete(null);
    } else {
      result.completeExceptionally(writeFailed(write.cause()));
    }
  }

  /** Why a frame did not go out: its write (or the buffer for it) failed with {@code cause}. */
  static SendException writeFailed(Throwable cause) {
    return new SendException(SendException.Reason.WRITE_FAILED, String.valueOf(cause), cause);
  }

  /** The listener that completes {@code result} with its write: itself when it is a send's own future. */
  static ChannelFutureListener listenerFor(CompletableFuture<Void> result) {
    return result instanceof SendFuture own ? own : write -> completeWith(result, write);
  }

  /**
   * The promise to write a frame on {@code channel} with: the void promise when no one waits ({@code result}
   * null: a reply, a timer's ping), else one that completes {@code result}.
   */
  static ChannelPromise promiseFor(Channel channel, CompletableFuture<Void> result) {
    return result == null ? channel.voidPromise() : channel.newPromise().addListener(listenerFor(result));
  }
}
