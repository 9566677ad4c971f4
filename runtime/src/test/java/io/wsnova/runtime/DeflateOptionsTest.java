package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The offer's bounds (RFC 7692: window bits 8 to 15) and defaults. */
class DeflateOptionsTest {
  @Test
  void defaultsOfferNothingSpecial() {
    DeflateOptions d = DeflateOptions.defaults();
    assertThat(d.serverMaxWindowBits()).isEqualTo(15);
    assertThat(d.threshold()).isEqualTo(DeflateOptions.DEFAULT_THRESHOLD);
    assertThat(d.level()).isEqualTo(6);
    assertThat(d.clientNoContextTakeover()).isFalse();
    assertThat(d.serverNoContextTakeover()).isFalse();
    assertThat(Options.defaults().permessageDeflate()).as("off unless asked for").isEmpty();
  }

  @Test
  void valuesOutOfRangeAreRefusedWithTheRange() {
    assertThatThrownBy(() -> DeflateOptions.builder().serverMaxWindowBits(7)).hasMessageContaining("8 to 15");
    assertThatThrownBy(() -> DeflateOptions.builder().serverMaxWindowBits(16)).hasMessageContaining("8 to 15");
    assertThatThrownBy(() -> DeflateOptions.builder().threshold(-1)).hasMessageContaining("zero or positive");
    assertThatThrownBy(() -> DeflateOptions.builder().level(0)).hasMessageContaining("1 to 9");
    assertThat(DeflateOptions.builder().serverMaxWindowBits(8).threshold(0).level(9).build().serverMaxWindowBits())
        .isEqualTo(8);
  }
}
