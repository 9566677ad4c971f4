package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every adapter has a nested class {@code Provider}, which hides a user type of that name in the adapter's
 * package: the generated code and its Javadoc must name the user's type in full, and compile clean.
 */
class ProviderNameTest {
  private static final String FEED = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Feed {\n"
      + "  @OnFrame(field = \"type\", value = \"p\") void provider(Provider p) {}\n"
      + "  @OnFrame void text(String s) {}\n"
      + "}\n";
  private static final String PROVIDER = "package demo;\npublic record Provider(String type, String name) {}\n";

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aUserTypeNamedProviderIsNamedInFull(Compilers compiler) throws Exception {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(FEED, PROVIDER));
    assertThat(c.errors()).isEmpty();
    String adapter = c.generatedSource("demo.FeedConnectionHandler");
    assertThat(adapter).contains("{@link Feed#provider(demo.Provider)}")
        .contains("JsonCodec.Decoder<demo.Provider>");
    Loaded loaded = Loaded.from(c, "demo.Feed", "demo.FeedConnectionHandler");
    assertThat(loaded.adapter()).isNotNull();
  }
}
