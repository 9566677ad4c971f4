package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.RequestOptions;
import org.junit.jupiter.api.Test;

/** What a connection asks its handler when it is made, and what it falls back to when the handler fails. */
class HandlerSettingsTest {
  static final class TickerConnectionHandler implements ConnectionHandler {}

  static final class ConnectionHandler2 implements ConnectionHandler {}

  private static final class Failing implements ConnectionHandler {
    @Override
    public RequestOptions requestOptions(Options options) {
      throw new IllegalStateException("no");
    }

    @Override
    public DeflateOptions permessageDeflate(Options options) {
      throw new IllegalStateException("no");
    }
  }

  @Test
  void theDefaultNameDropsTheGeneratedSuffixAndIsSharedPerClass() {
    assertThat(HandlerSettings.defaultName(new TickerConnectionHandler())).isEqualTo("Ticker");
    assertThat(HandlerSettings.defaultName(new ConnectionHandler2())).isEqualTo("ConnectionHandler2");
    assertThat(HandlerSettings.defaultName(new ConnectionHandler() {})).isEqualTo("handler");
    assertThat(HandlerSettings.defaultName(new TickerConnectionHandler()))
        .isSameAs(HandlerSettings.defaultName(new TickerConnectionHandler()));
  }

  @Test
  void aHandlerThatFailsToAnswerGetsTheOptionsOwn() {
    Options options = Options.builder().permessageDeflate(DeflateOptions.defaults()).build();
    assertThat(HandlerSettings.requestOptions(new Failing(), options)).isSameAs(options.requests());
    assertThat(HandlerSettings.permessageDeflate(new Failing(), options))
        .isEqualTo(options.permessageDeflate().orElseThrow());
  }
}
