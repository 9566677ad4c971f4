package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever a user writes, the processor neither crashes nor adds to the compiler's own errors: a
 * malformed attribute or a missing type is the compiler's to report, once.
 */
class RobustnessTest {

  private static List<String> errors(Compilers compiler, String... sources) {
    return DiskCompilation.compile(compiler, List.of(sources)).errors();
  }

  /** Only the compiler's errors: none of ours, no internal error, no "<error>" type. */
  private static void onlyTheCompilersErrors(List<String> errors) {
    assertThat(errors).isNotEmpty();
    assertThat(errors).noneMatch(e -> e.contains("wsnova") || e.contains("@On") || e.contains("<error>")
        || e.contains("cannot take a parameter") || e.contains("internal error"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aRouteValueOfTheWrongTypeIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n  public record Tick(String t) {}\n"
        + "  @OnFrame(field = \"t\", value = 42) void tick(Tick t) {}\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aPingIntervalOfTheWrongTypeIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "@WebSocketClient(uri = \"ws://h/\", pingIntervalMillis = \"15s\")\n"
        + "public class Feed {\n  @OnConnect void open() {}\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMissingTypeInAnArrayIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n  @OnFrame void tick(Missing[] t) {}\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMissingTypeArgumentIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n  @OnFrame void tick(java.util.List<Missing> t) {}\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMissingReturnTypeIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n  @OnFrame Missing tick(String t) { return null; }\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMissingTypeInAnAttributeIsTheCompilersError(Compilers compiler) {
    onlyTheCompilersErrors(errors(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "@WebSocketClient(uri = Config.URI)\n"
        + "public class Feed {\n  @OnConnect void open() {}\n}\n"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aClassWaitingForAMissingTypeStillReportsItsOtherMistakes(Compilers compiler) {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n"
        + "  @OnFrame void tick(Missing t) {}\n"
        + "  @OnConnect private void open() {} //!\n"
        + "}\n";
    List<String> errors = errors(compiler, source);
    assertThat(errors).filteredOn(e -> e.contains("wsnova") || e.contains("@On"))
        .containsExactly("@OnConnect methods must not be private: the generated adapter calls open() directly. Make"
            + " it package-private or public");
    assertThat(errors).hasSizeGreaterThanOrEqualTo(2).noneMatch(e -> e.contains("cannot take a parameter"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aHandlerWithAnErrorAddsNoUnresolvedAdapterError(Compilers compiler) {
    String handler = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed {\n  @OnConnect private void open() {}\n}\n";
    String user = "package demo;\n"
        + "public class Main {\n"
        + "  io.wsnova.runtime.ConnectionHandler adapter = new FeedConnectionHandler(new Feed());\n"
        + "}\n";
    assertThat(errors(compiler, handler, user)).singleElement().asString().contains("must not be private");
  }
}
