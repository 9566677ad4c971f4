package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.DeflateOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The negotiation rules of RFC 7692 section 7, answer by answer. */
class PerMessageDeflateTest {
  private static final DeflateOptions DEFAULTS = DeflateOptions.defaults();

  @Test
  void theOfferNamesWhatTheOptionsAskFor() {
    assertThat(PerMessageDeflate.offer(DEFAULTS)).isEqualTo("permessage-deflate; client_max_window_bits");
    assertThat(PerMessageDeflate.offer(DeflateOptions.builder().clientNoContextTakeover(true)
        .serverNoContextTakeover(true).serverMaxWindowBits(10).build()))
        .isEqualTo("permessage-deflate; client_max_window_bits; client_no_context_takeover;"
            + " server_no_context_takeover; server_max_window_bits=10");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // answer                                                            | agreed, as status shows it
      "permessage-deflate                                                  | permessage-deflate",
      "Permessage-Deflate ;  Client_No_Context_Takeover                    | permessage-deflate; client_no_context_takeover",
      "permessage-deflate; server_no_context_takeover                      | permessage-deflate; server_no_context_takeover",
      "permessage-deflate; server_max_window_bits=10                       | permessage-deflate; server_max_window_bits=10",
      "permessage-deflate; client_max_window_bits=\"12\"                   | permessage-deflate; client_max_window_bits=12",
  })
  void answersTheRfcAllowsAreAccepted(String answer, String agreed) throws Exception {
    assertThat(PerMessageDeflate.accept(answer.strip(), DEFAULTS).describe()).isEqualTo(agreed.strip());
  }

  @Test
  void aWindowTheServerLimitsBelow15MeansNoOutboundCompression() throws Exception {
    assertThat(PerMessageDeflate.accept("permessage-deflate; client_max_window_bits=14", DEFAULTS).compressesOutbound())
        .isFalse();
    assertThat(PerMessageDeflate.accept("permessage-deflate; client_max_window_bits=15", DEFAULTS).compressesOutbound())
        .isTrue();
  }

  @Test
  void aServerWindowAboveTheOneAskedForIsRefused() {
    DeflateOptions asked = DeflateOptions.builder().serverMaxWindowBits(10).build();
    assertThatThrownBy(() -> PerMessageDeflate.accept("permessage-deflate; server_max_window_bits=12", asked))
        .isInstanceOf(PerMessageDeflate.Refused.class).hasMessageContaining("above the 10 asked for");
    assertThatThrownBy(() -> PerMessageDeflate.accept("permessage-deflate", asked))
        .isInstanceOf(PerMessageDeflate.Refused.class).hasMessageContaining("without server_max_window_bits");
  }
}
