package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every valid handler's adapter is listed for {@code ServiceLoader}, in a file whose lines are sorted; a
 * handler with errors is not; and a later compile of some of the handlers (an IDE's) keeps the others'
 * lines while dropping those of handlers that now have errors.
 */
class ServiceRegistryTest {
  private static final String ALPHA = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Alpha { @OnFrame void text(String s) {} }\n";
  private static final String BETA = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Beta { @OnConnect void open() {} public static class Inner { @OnConnect void open() {} } }\n";
  private static final String BROKEN = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Broken { @OnFrame void text(Thread t) {} }\n";

  private static List<String> lines(DiskCompilation c) throws IOException {
    Path file = c.classes().resolve(ServiceRegistry.PATH);
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void validHandlersAreListedSortedAndBrokenOnesAreNot(Compilers compiler) throws IOException {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(BROKEN, BETA, ALPHA));
    assertThat(c.errors()).hasSize(1);
    assertThat(lines(c)).containsExactly("demo.AlphaConnectionHandler$Provider",
        "demo.BetaConnectionHandler$Provider", "demo.Beta_InnerConnectionHandler$Provider");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aPartialRecompileKeepsTheOtherHandlersAndDropsANowBrokenOne(Compilers compiler) throws IOException {
    DiskCompilation first = DiskCompilation.compile(compiler, List.of(ALPHA, BETA));
    assertThat(first.errors()).isEmpty();

    DiskCompilation alphaAgain = first.recompile(compiler, List.of(ALPHA.replace("{}", "{ s.length(); }")));
    assertThat(alphaAgain.errors()).isEmpty();
    assertThat(lines(alphaAgain)).containsExactly("demo.AlphaConnectionHandler$Provider",
        "demo.BetaConnectionHandler$Provider", "demo.Beta_InnerConnectionHandler$Provider");

    DiskCompilation alphaBroken = first.recompile(compiler, List.of(ALPHA.replace("String s", "Thread s")));
    assertThat(alphaBroken.errors()).hasSize(1);
    assertThat(lines(alphaBroken)).containsExactly("demo.BetaConnectionHandler$Provider",
        "demo.Beta_InnerConnectionHandler$Provider");
  }
}
