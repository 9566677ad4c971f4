package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapter generated for a class that uses every callback, compared to the text a reviewer approved
 * ({@code golden/TickerConnectionHandler.java}). Both compilers must produce it byte for byte: the
 * output depends on the source alone.
 */
class GoldenAdapterTest {

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void adapterMatchesTheGoldenFile(Compilers compiler) throws IOException {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(resource("golden/Ticker.java")));

    assertThat(c.errors()).isEmpty();
    assertThat(c.generatedSource("com.example.TickerConnectionHandler"))
        .isEqualTo(resource("golden/TickerConnectionHandler.java"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void outputIsTheSameOnEveryBuild(Compilers compiler) throws IOException {
    String first = DiskCompilation.compile(compiler, List.of(resource("golden/Ticker.java")))
        .generatedSource("com.example.TickerConnectionHandler");
    String second = DiskCompilation.compile(compiler, List.of(resource("golden/Ticker.java")))
        .generatedSource("com.example.TickerConnectionHandler");
    assertThat(second).isEqualTo(first).doesNotContainPattern("date\\s*=");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = GoldenAdapterTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
