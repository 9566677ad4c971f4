package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.LiveServerTest;
import io.wsnova.runtime.testing.Recorder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No cause vanishes: what the ErrorHandler throws, an interrupt, a lookup that cannot reach an adapter. */
class CausesTest extends LiveServerTest {

  @Test
  void whatTheErrorHandlerThrowsReachesTheCloseFuture() throws Exception {
    Recorder r = new Recorder(server.uri("/close/4001"));
    IllegalStateException bug = new IllegalStateException("bug in my ErrorHandler");
    r.policy = e -> {
      throw bug;
    };
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    DisconnectReason reason = c.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(reason).isInstanceOf(DisconnectReason.ErrorHandlerFailed.class);
    DisconnectReason.ErrorHandlerFailed failed = (DisconnectReason.ErrorHandlerFailed) reason;
    assertThat(failed.cause()).isSameAs(bug);
    assertThat(failed.after()).isEqualTo(new DisconnectReason.Closed(4001, "bye"));
  }

  @Test
  void closingAClientKeepsTheCallersInterrupt() {
    NovaClient own = NovaClient.builder().threads(1).build();
    Thread.currentThread().interrupt();
    own.close();
    assertThat(Thread.interrupted()).as("the interrupt flag survives close()").isTrue();
  }

  @Test
  void anAdapterThatExistsButCannotBeCalledIsReportedAsSuch() {
    Object handler = new CausesTest_Sealed();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.connect(handler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CausesTest_SealedConnectionHandler exists but wsnova may not call its constructor")
        .hasMessageNotContaining("was not found");
  }
}

/** A handler whose "adapter" below is not public: what a named module without the export looks like. */
class CausesTest_Sealed {}

/** Not public, as in a package that is not exported. */
final class CausesTest_SealedConnectionHandler implements ConnectionHandler {
  CausesTest_SealedConnectionHandler(CausesTest_Sealed handler) {}
}
