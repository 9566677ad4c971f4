package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IDEs and incremental builds recompile one changed handler while the previous output is visible: the
 * adapter on the class path, its source on the source path, or its source passed in again. The
 * processor recognises its own earlier adapter ({@code @GeneratedAdapter}) and never calls it a clash.
 *
 * <p>Where a changed handler needs a new adapter, javac lets the processor write it over one on the
 * class path or source path; it refuses only a file it was given. Eclipse's batch compiler refuses to
 * create any type it can already see. Where a compiler refuses, the one error says which file to delete.
 */
class PartialRecompileTest {
  private static final String FEED = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Feed {\n"
      + "  @OnFrame void text(String s) {}\n"
      + "  public static class Nested { @OnConnect void open() {} }\n"
      + "}\n";
  /** The same handler after an edit that changes no callback (the usual edit: a method body). */
  private static final String FEED_EDITED_BODY = FEED.replace("void text(String s) {}",
      "void text(String s) { System.identityHashCode(s); }");
  /** After an edit that adds a callback: the adapter must change. */
  private static final String FEED_NEW_CALLBACK = FEED.replace("void text(String s) {}",
      "void text(String s) {}\n  @OnDisconnect void gone() {}");

  private static DiskCompilation first(Compilers compiler) {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(FEED));
    assertThat(c.errors()).isEmpty();
    return c;
  }

  private static List<Path> adapterSources(DiskCompilation c) {
    return List.of(c.generatedSources().resolve("demo/FeedConnectionHandler.java"),
        c.generatedSources().resolve("demo/Feed_NestedConnectionHandler.java"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anUnchangedAdapterOnTheClassPathIsNoClash(Compilers compiler) {
    DiskCompilation before = first(compiler);
    DiskCompilation again = DiskCompilation.compile(compiler, List.of(FEED_EDITED_BODY),
        new DiskCompilation.Setup(List.of(), List.of(before.classes()), List.of(), List.of()));
    assertThat(again.errors()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anUnchangedAdapterOnTheSourcePathIsNoClash(Compilers compiler) {
    DiskCompilation before = first(compiler);
    DiskCompilation again = DiskCompilation.compile(compiler, List.of(FEED_EDITED_BODY),
        new DiskCompilation.Setup(List.of(), List.of(), List.of(before.generatedSources()), List.of()));
    assertThat(again.errors()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anUnchangedAdapterPassedInAgainIsNoClashAndIsNotWrittenTwice(Compilers compiler) {
    DiskCompilation before = first(compiler);
    DiskCompilation again = DiskCompilation.compile(compiler, List.of(FEED_EDITED_BODY),
        new DiskCompilation.Setup(List.of(), List.of(), List.of(), adapterSources(before)));
    assertThat(again.errors()).isEmpty();
    assertThat(again.generated("demo.FeedConnectionHandler")).as("not written again").isFalse();
    assertThat(again.classes().resolve("demo/Feed_NestedConnectionHandler.class")).exists();
  }

  @Test
  void javacWritesAChangedAdapterOverTheOneOnTheClassPath() {
    DiskCompilation before = first(Compilers.JAVAC);
    DiskCompilation again = DiskCompilation.compile(Compilers.JAVAC, List.of(FEED_NEW_CALLBACK),
        new DiskCompilation.Setup(List.of(), List.of(before.classes()), List.of(), List.of()));
    assertThat(again.errors()).isEmpty();
    assertThat(again.generatedSource("demo.FeedConnectionHandler")).contains("handler.gone()");
    assertThat(again.classes().resolve("demo/FeedConnectionHandler.class")).exists();
  }

  @Test
  void javacWritesAChangedAdapterOverTheOneOnTheSourcePath() {
    DiskCompilation before = first(Compilers.JAVAC);
    DiskCompilation again = DiskCompilation.compile(Compilers.JAVAC, List.of(FEED_NEW_CALLBACK),
        new DiskCompilation.Setup(List.of(), List.of(), List.of(before.generatedSources()), List.of()));
    assertThat(again.errors()).isEmpty();
    assertThat(again.generatedSource("demo.FeedConnectionHandler")).contains("handler.gone()");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aChangedAdapterTheCompilerWillNotReplaceIsOneErrorSayingWhatToDelete(Compilers compiler) {
    DiskCompilation before = first(compiler);
    DiskCompilation again = DiskCompilation.compile(compiler, List.of(FEED_NEW_CALLBACK),
        new DiskCompilation.Setup(List.of(), List.of(), List.of(), adapterSources(before)));
    List<Diagnostic<? extends JavaFileObject>> errors = again.errorDiagnostics();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getMessage(Locale.ROOT))
        .startsWith("demo.FeedConnectionHandler was generated from an earlier version of Feed")
        .contains("Delete the old FeedConnectionHandler (.java and .class)");
    assertThat(errors.get(0).getLineNumber()).isEqualTo(3);
  }

  @Test
  void eclipseRefusesToReplaceAVisibleAdapterAndSaysSo() {
    DiskCompilation before = first(Compilers.ECJ);
    DiskCompilation again = DiskCompilation.compile(Compilers.ECJ, List.of(FEED_NEW_CALLBACK),
        new DiskCompilation.Setup(List.of(), List.of(before.classes()), List.of(), List.of()));
    assertThat(again.errors()).singleElement().asString()
        .contains("was generated from an earlier version of Feed");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anUnmarkedTypeOfTheAdaptersNameOnTheClassPathIsAClash(Compilers compiler) {
    DiskCompilation squatter = DiskCompilation.compile(compiler,
        List.of("package demo;\npublic class FeedConnectionHandler {}\n"));
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(FEED),
        new DiskCompilation.Setup(List.of(), List.of(squatter.classes()), List.of(), List.of()));
    assertThat(c.errors()).singleElement().asString()
        .contains("the adapter of Feed would be demo.FeedConnectionHandler, but a type of that name already exists");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoHandlersWhoseAdapterNamesCollideGetAnErrorOnTheSecond(Compilers compiler) {
    String outer = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Outer {\n  public static class Feed { @OnConnect void open() {} }\n}\n";
    String underscore = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Outer_Feed { @OnConnect void open() {} }\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(outer, underscore));
    List<Diagnostic<? extends JavaFileObject>> errors = c.errorDiagnostics();
    assertThat(errors).hasSize(1);
    String text = errors.get(0).getMessage(Locale.ROOT);
    assertThat(text).contains("would be demo.Outer_FeedConnectionHandler, which is already the adapter of demo.");
    assertThat(text).containsAnyOf("the adapter of Outer_Feed", "the adapter of Outer.Feed");
    assertThat(c.generated("demo.Outer_FeedConnectionHandler")).as("the first one's adapter stays").isTrue();
  }
}
