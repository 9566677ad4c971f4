package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.Options;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @WebSocketClient(permessageDeflate = true)}: the adapter offers compression unless the options say otherwise. */
class WebSocketClientDeflateTest {
  private static final String SOURCE = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "@WebSocketClient(uri = \"ws://h/\", permessageDeflate = true)\n"
      + "public class Compressed {\n  @OnConnect void open() {}\n}\n";
  private static final String PLAIN = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "@WebSocketClient(uri = \"ws://h/\")\n"
      + "public class Plain {\n  @OnConnect void open() {}\n}\n";

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void theClassOffersTheDefaultsAndConnectOptionsStillWin(Compilers compiler) throws Exception {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(SOURCE, PLAIN));
    assertThat(c.errors()).isEmpty();
    Loaded compressed = Loaded.from(c, "demo.Compressed", "demo.CompressedConnectionHandler");
    assertThat(compressed.adapter().permessageDeflate(Options.defaults())).isSameAs(DeflateOptions.defaults());
    DeflateOptions given = DeflateOptions.builder().serverNoContextTakeover(true).build();
    assertThat(compressed.adapter().permessageDeflate(Options.builder().permessageDeflate(given).build()))
        .isSameAs(given);

    Loaded plain = Loaded.from(c, "demo.Plain", "demo.PlainConnectionHandler");
    assertThat(plain.adapter().permessageDeflate(Options.defaults())).as("off unless asked for").isNull();
    assertThat(c.generatedSource("demo.PlainConnectionHandler")).doesNotContain("permessageDeflate");
  }
}
