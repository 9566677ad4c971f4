package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wsnova.runtime.SendException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A send's future learns how its channel write went: done, or failed with the write's cause. */
class SendFutureTest {

  private static ByteBuf wire() {
    return Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x80, 1, 2, 3, 4}); // an empty masked text frame
  }

  @Test
  void aSendsFutureCompletesWhenItsWriteIsDone() {
    EmbeddedChannel channel = new EmbeddedChannel();
    SendFuture sent = new SendFuture();
    channel.writeAndFlush(wire(), SendFuture.promiseFor(channel, sent));
    assertThat(sent).isCompletedWithValue(null);
    ByteBuf written = channel.readOutbound();
    assertThat(written.readableBytes()).isEqualTo(6);
    written.release();
  }

  @Test
  void aWriteThatFailsFailsTheSendWithWriteFailedAndItsCause() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.close().syncUninterruptibly();
    SendFuture sent = new SendFuture();
    channel.writeAndFlush(wire(), SendFuture.promiseFor(channel, sent));
    Throwable failure = catchThrowable(sent::get);
    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(failure.getCause()).isInstanceOfSatisfying(SendException.class, e -> {
      assertThat(e.reason()).isEqualTo(SendException.Reason.WRITE_FAILED);
      assertThat(e.getCause()).isInstanceOf(ClosedChannelException.class);
    });
  }

  @Test
  void withNoOneWaitingTheWriteTakesTheVoidPromise() {
    EmbeddedChannel channel = new EmbeddedChannel();
    assertThat(SendFuture.promiseFor(channel, null).isVoid()).as("a reply or a timer's ping: no promise object")
        .isTrue();
    assertThat(SendFuture.promiseFor(channel, new SendFuture()).isVoid()).isFalse();
    channel.finishAndReleaseAll();
  }

  @Test
  void aPlainFutureIsToldTooThroughAListenerOfItsOwn() {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<Void> ping = new CompletableFuture<>(); // what a ping's caller holds
    channel.close().syncUninterruptibly();
    channel.writeAndFlush(wire(), SendFuture.promiseFor(channel, ping));
    assertThat(ping).isCompletedExceptionally();
    assertThat(catchThrowable(ping::join).getCause()).isInstanceOfSatisfying(SendException.class,
        e -> assertThat(e.reason()).isEqualTo(SendException.Reason.WRITE_FAILED));
  }
}
