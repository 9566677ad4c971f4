package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A callback that throws or breaks its contract goes to the ErrorHandler and harms nothing else. */
class CallbackFailureTest extends LiveServerTest {
  @Test
  void aThrowingCallbackReachesTheErrorHandlerAndTheLoopLivesOn() throws Exception {
    Recorder failing = new Recorder(server.uri("/echo"));
    failing.onData = f -> {
      if (f.text().equals("boom")) {
        throw new IllegalStateException("user bug");
      }
      return Result.ok();
    };
    Recorder bystander = new Recorder(server.uri("/echo"));
    Connection a = client.connect(failing, failing.options().build()).get(10, TimeUnit.SECONDS);
    Connection b = client.connect(bystander, bystander.options().build()).get(10, TimeUnit.SECONDS);

    a.sendText("boom").get(10, TimeUnit.SECONDS);
    ErrorEvent event = failing.next(ErrorEvent.class);
    assertThat(event.kind()).isEqualTo(ErrorEvent.Kind.CALLBACK_FAILED);
    assertThat(event.connectionOpen()).isTrue();
    assertThat(event.cause()).isInstanceOf(IllegalStateException.class).hasMessage("user bug");

    a.sendText("after").get(10, TimeUnit.SECONDS);
    b.sendText("bystander").get(10, TimeUnit.SECONDS);
    assertThat(failing.nextData(FrameType.TEXT).text()).as("the connection carries on").isEqualTo("after");
    assertThat(bystander.nextData(FrameType.TEXT).text()).isEqualTo("bystander");
    assertThat(a.isOpen()).isTrue();
    a.close();
    b.close();
  }

  @Test
  void aReconnectFromAHandWrittenHandlerIsAContractViolationAndStops() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    r.onData = f -> Result.reconnect(Duration.ofMillis(1));
    r.policy = ErrorHandler.defaultHandler()::onError;
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    c.sendText("please reconnect").get(10, TimeUnit.SECONDS);
    ErrorEvent event = r.next(ErrorEvent.class);
    assertThat(event.cause()).isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("must not return a reconnect result");
    assertThat(event.isRetriable()).isFalse();
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.LocalClose(1011, "callback failed"));
    assertThat(c.connectCount()).as("never reconnected").isEqualTo(1);
  }

  @Test
  void closingTheClientFromACallbackIsRefusedNotADeadlock() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    java.util.concurrent.CompletableFuture<Throwable> refused = new java.util.concurrent.CompletableFuture<>();
    r.onData = f -> {
      try {
        client.close();
        refused.complete(null);
      } catch (IllegalStateException e) {
        refused.complete(e);
      }
      return Result.ok();
    };
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    c.sendText("close the client please").get(10, TimeUnit.SECONDS);

    assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not from a callback");
    assertThat(c.isOpen()).isTrue();
    c.close();
  }

  @Test
  void resultsOfOnConnectAreApplied() throws Exception {
    server.closeCodes.clear();
    Recorder r = new Recorder(server.uri("/echo"));
    r.onOpen = c -> Result.close(4000, "changed my mind");
    r.policy = e -> Result.stop();
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.LocalClose(4000, "changed my mind"));
    assertThat(server.awaitCloseCode(4000)).isEqualTo(4000);
  }
}
