package io.wsnova.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.DisconnectedException;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HandlerHarnessTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  /** Feed pings every second; tests about other things tolerate unanswered pings. */
  private static final Options PATIENT = Options.builder().maxMissedPongs(1000).build();

  private static List<String> pingTexts(HandlerHarness h) {
    List<String> texts = new ArrayList<>();
    h.sentPings().forEach(p -> texts.add(new String(p.bytes(), StandardCharsets.UTF_8)));
    return texts;
  }

  @Test
  void connectSendsThroughThePrepareFrameCallbackAndStartsARequest() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed).connect();
    assertThat(h.sentTexts()).containsExactly("{\"n\":1,\"op\":\"subscribe\",\"symbol\":\"EURUSD\"}",
        "{\"n\":2,\"op\":\"account\",\"symbol\":\"EURUSD\",\"id\":1}");
    assertThat(h.connection().info().uri().getHost()).isEqualTo("feed.invalid");
  }

  @Test
  void anAnswerCompletesItsRequestAndNeverReachesTheHandler() throws Exception {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed).connect();
    h.receiveText("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"main\"}}");
    assertThat(feed.account.get()).isEqualTo(new Feed.Account("main"));
    assertThat(h.errors()).isEmpty();
  }

  @Test
  void anUnansweredRequestTimesOutOnTheVirtualClock() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed, PATIENT).connect();
    h.advance(Duration.ofSeconds(29));
    assertThat(feed.account).isNotDone();
    h.advance(SECOND);
    assertThat(feed.account).isCompletedExceptionally();
    assertThat(catchCause(feed.account)).isInstanceOf(TimeoutException.class);
  }

  @Test
  void framesAreRoutedAndDecoded() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed).connect();
    h.receiveJson(new Feed.Tick("tick", "EURUSD", 1.25));
    assertThat(feed.ticks).containsExactly(new Feed.Tick("tick", "EURUSD", 1.25));
  }

  @Test
  void heartbeatsPingWithTheHandlersPayloadAndMeasureTheRoundTrip() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed).connect();
    h.advance(SECOND);
    assertThat(pingTexts(h)).containsExactly("hb-1");
    h.advance(Duration.ofMillis(40));
    h.receivePong("hb-1".getBytes(StandardCharsets.UTF_8));
    assertThat(feed.roundTrips).containsExactly(Duration.ofMillis(40));
  }

  @Test
  void missedPongsEndTheConnectionAndTheErrorHandlerIsAsked() {
    Feed feed = new Feed();
    List<ErrorEvent> asked = new ArrayList<>();
    Options options = Options.builder().maxMissedPongs(1).errorHandler(e -> {
      asked.add(e);
      return Result.reconnect(SECOND);
    }).build();
    HandlerHarness h = HandlerHarness.of(feed, options).connect();
    h.advance(Duration.ofSeconds(2)); // two pings, the first missed
    assertThat(h.connection().isOpen()).isTrue();
    h.advance(Duration.ofSeconds(1)); // the second missed too: more than one
    assertThat(h.connection().isOpen()).isFalse();
    assertThat(feed.disconnects).singleElement().isInstanceOfSatisfying(DisconnectReason.Timeout.class,
        t -> assertThat(t.phase()).isEqualTo(DisconnectReason.Timeout.Phase.PONG));
    assertThat(asked).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.DISCONNECTED));
    assertThat(h.decisions()).containsExactly(Result.reconnect(SECOND));
    assertThat(catchCause(feed.account)).isInstanceOf(DisconnectedException.class);

    h.connect(); // the reconnect the ErrorHandler asked for
    assertThat(h.connection().connectCount()).isEqualTo(2);
  }

  @Test
  void timersFireAsTimeMovesAndStopWithTheConnection() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed, PATIENT).connect();
    h.advance(Duration.ofSeconds(61));
    assertThat(feed.reminders).isEqualTo(2);
    h.receiveClose(1001, "going away");
    h.advance(Duration.ofSeconds(60));
    assertThat(feed.reminders).isEqualTo(2);
  }

  @Test
  void aServerCloseIsSeenEchoedAndEndsTheConnection() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed, Options.builder().errorHandler(e -> Result.stop()).build()).connect();
    h.receiveClose(1001, "going away");
    assertThat(h.closeSent()).contains(Frame.close(1001, "going away"));
    assertThat(feed.disconnects).containsExactly(new DisconnectReason.Closed(1001, "going away"));
    assertThat(h.connection().closeFuture()).isCompleted();
  }

  @Test
  void aCloseResultClosesWithItsCode() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed, Options.builder().errorHandler(e -> Result.stop()).build()).connect();
    h.receiveText("{\"type\":\"bye\"}");
    assertThat(h.closeSent()).contains(Frame.close(4000, "asked to leave"));
    assertThat(feed.disconnects).containsExactly(new DisconnectReason.LocalClose(4000, "asked to leave"));
  }

  @Test
  void aCallbackThatThrowsGoesToTheErrorHandlerWhichMayCarryOn() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed).connect(); // the default ErrorHandler carries on
    h.receiveText("{\"type\":\"boom\"}");
    assertThat(h.errors()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.CALLBACK_FAILED);
      assertThat(e.cause()).hasMessage("boom");
    });
    assertThat(h.connection().isOpen()).isTrue();
  }

  @Test
  void aCallbackFailureTheErrorHandlerStopsOnClosesWith1011() {
    Feed feed = new Feed();
    HandlerHarness h = HandlerHarness.of(feed, Options.builder().errorHandler(e -> Result.stop()).build()).connect();
    h.receiveText("{\"type\":\"boom\"}");
    assertThat(h.closeSent()).map(Frame::closeCode).contains(1011);
    assertThat(h.connection().isOpen()).isFalse();
  }

  @Test
  void aHandWrittenConnectionHandlerIsDrivenToo() {
    ConnectionHandler echo = new ConnectionHandler() {
      @Override
      public Result onFrame(Frame frame, Connection connection) {
        return frame.type() == FrameType.TEXT ? Result.reply("echo: " + frame.text()) : Result.ok();
      }
    };
    HandlerHarness h = HandlerHarness.of(echo).connect();
    h.receiveText("hi");
    h.receivePing(new byte[] {1});
    assertThat(h.sentTexts()).containsExactly("echo: hi");
    assertThat(h.sent()).contains(Frame.pong(new byte[] {1}));
  }

  @Test
  void aReconnectResultFromAFrameCallbackIsAContractViolation() {
    ConnectionHandler wrong = new ConnectionHandler() {
      @Override
      public Result onFrame(Frame frame, Connection connection) {
        return Result.reconnect(SECOND);
      }
    };
    HandlerHarness h = HandlerHarness.of(wrong).connect();
    h.receiveText("x");
    assertThat(h.errors()).singleElement().satisfies(e -> assertThat(e.cause())
        .isInstanceOf(io.wsnova.runtime.ContractViolationException.class));
  }

  private static Throwable catchCause(java.util.concurrent.CompletableFuture<?> future) {
    try {
      future.get();
      throw new AssertionError("completed normally");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
