package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Handlers built from base classes: inherited callbacks are part of the adapter, overrides follow one
 * documented rule, and every ambiguous case is an error on the line that causes it.
 */
class InheritanceTest {
  private final FakeConnection connection = new FakeConnection();

  private static final String BASE = "package com.example.base;\n"
      + "import io.wsnova.annotations.*;\n"
      + "import io.wsnova.runtime.*;\n"
      + "import java.util.ArrayList;\nimport java.util.List;\n"
      + "public abstract class Base {\n"
      + "  public final List<String> calls = new ArrayList<>();\n"
      + "  @OnConnect public void open() { calls.add(\"base open\"); }\n"
      + "  @OnFrame public void text(String s) { calls.add(\"base text \" + s); }\n"
      + "}\n";

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aSubclassInAnotherPackageGetsTheBaseCallbacksWithoutAnnotationsOfItsOwn(Compilers compiler) throws Exception {
    String feed = "package com.example;\npublic class Feed extends com.example.base.Base {}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(BASE, feed));

    Loaded feedAdapter = Loaded.from(c, "com.example.Feed", "com.example.FeedConnectionHandler");
    feedAdapter.adapter().onConnect(null, connection);
    feedAdapter.adapter().onFrame(Frame.text("hi"), connection);
    assertThat(feedAdapter.calls()).containsExactly("base open", "base text hi");
    assertThat(c.generated("com.example.base.BaseConnectionHandler")).as("an abstract base has no adapter").isFalse();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anOverrideThatRepeatsTheAnnotationReplacesTheBaseCallback(Compilers compiler) throws Exception {
    String feed = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed extends com.example.base.Base {\n"
        + "  @OnFrame @Override public void text(String s) { calls.add(\"feed text \" + s); }\n"
        + "  @OnDisconnect void gone() { calls.add(\"feed gone\"); }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(BASE, feed));

    Loaded loaded = Loaded.from(c, "com.example.Feed", "com.example.FeedConnectionHandler");
    loaded.adapter().onConnect(null, connection);
    loaded.adapter().onFrame(Frame.text("hi"), connection);
    loaded.adapter().onDisconnect(null, connection);
    assertThat(loaded.calls()).containsExactly("base open", "feed text hi", "feed gone");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anImplementationOfAnAbstractCallbackNeedNotRepeatTheAnnotation(Compilers compiler) throws Exception {
    String base = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public abstract class Base<T> {\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnFrame(field = \"type\", value = \"tick\") protected abstract void tick(T message);\n"
        + "}\n";
    String feed = "package com.example;\n"
        + "public class Feed extends Base<Feed.Tick> {\n"
        + "  public record Tick(String type, double price) {}\n"
        + "  @Override protected void tick(Tick t) { calls.add(\"tick \" + t.price()); }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(base, feed));

    Loaded loaded = Loaded.from(c, "com.example.Feed", "com.example.FeedConnectionHandler");
    loaded.adapter().onFrame(Frame.text("{\"type\":\"tick\",\"price\":2.5}"), connection);
    assertThat(loaded.calls()).as("the base's type variable is the subclass's Tick").containsExactly("tick 2.5");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aConcreteBaseAndItsSubclassEachGetAnAdapter(Compilers compiler) throws Exception {
    String base = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Plain {\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnConnect void open() { calls.add(\"open\"); }\n"
        + "}\n";
    String sub = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Fancy extends Plain {\n"
        + "  @OnFrame void text(String s) { calls.add(\"text \" + s); }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(base, sub));

    Loaded fancy = Loaded.from(c, "com.example.Fancy", "com.example.FancyConnectionHandler");
    fancy.adapter().onConnect(null, connection);
    fancy.adapter().onFrame(Frame.text("x"), connection);
    assertThat(fancy.calls()).containsExactly("open", "text x");
    assertThat(c.generated("com.example.PlainConnectionHandler")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aBaseClassFromALibraryCountsToo(Compilers compiler) throws Exception {
    DiskCompilation library = DiskCompilation.compile(compiler, List.of(BASE));
    assertThat(library.errors()).isEmpty();
    String feed = "package com.example;\npublic class Feed extends com.example.base.Base {}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(feed),
        new DiskCompilation.Setup(List.of(), List.of(library.classes()), List.of(), List.of()));

    assertThat(c.errors()).isEmpty();
    assertThat(c.generatedSource("com.example.FeedConnectionHandler"))
        .contains("handler.open()")
        .contains("handler.text(text)")
        .contains("{@link com.example.base.Base#text(String)}");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anOverrideWithoutTheAnnotationIsAnErrorOnTheOverride(Compilers compiler) {
    String feed = "package com.example;\n"
        + "public class Feed extends com.example.base.Base {\n"
        + "  @Override public void text(String s) {} //!\n"
        + "}\n";
    expectOneError(compiler, List.of(BASE, feed), feed, "Feed.java",
        "text(String) overrides the @OnFrame method text(String) of Base without repeating @OnFrame",
        "Repeat @OnFrame on it");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anOverrideWithAnotherCallbackIsAnError(Compilers compiler) {
    String feed = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed extends com.example.base.Base {\n"
        + "  @OnConnect @Override public void text(String s) {} //!\n"
        + "}\n";
    expectOneError(compiler, List.of(BASE, feed), feed, "Feed.java",
        "overrides the @OnFrame method text(String) of Base but carries @OnConnect");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aPackagePrivateCallbackInABaseElsewhereIsAnError(Compilers compiler) {
    String base = "package com.example.base;\nimport io.wsnova.annotations.*;\n"
        + "public abstract class Hidden {\n"
        + "  @OnConnect void open() {} //!\n"
        + "}\n";
    String feed = "package com.example;\npublic class Feed extends com.example.base.Hidden {}\n";
    expectOneError(compiler, List.of(base, feed), base, "Hidden.java",
        "@OnConnect method open() is package-private in Hidden, another package than the handler Feed",
        "Make it public");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMistakeInABaseIsReportedOnceOnTheBaseNotAgainOnEverySubclass(Compilers compiler) {
    String base = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public abstract class Broken {\n"
        + "  @OnConnect private void open() {} //!\n"
        + "}\n";
    String a = "package com.example;\npublic class A extends Broken {}\n";
    String b = "package com.example;\npublic class B extends Broken {}\n";
    expectOneError(compiler, List.of(base, a, b), base, "Broken.java", "@OnConnect methods must not be private");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoCallbacksOfOneKindAcrossTheHierarchyAreAnErrorOnTheSubclassMethod(Compilers compiler) {
    String feed = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Feed extends com.example.base.Base {\n"
        + "  @OnConnect void start() {} //!\n"
        + "}\n";
    expectOneError(compiler, List.of(BASE, feed), feed, "Feed.java", "a class has at most one @OnConnect method",
        "open() already is one");
  }

  /**
   * On javac. Eclipse's compiler parses method bodies only after annotation processing, so no processor
   * can see these classes there; {@link #eclipseCannotSeeLocalClassesSoTheRuntimeSaysIt} pins that down.
   */
  @org.junit.jupiter.api.Test
  void localAndAnonymousClassesGetOneClearErrorEach() {
    Compilers compiler = Compilers.JAVAC;
    String source = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Outer {\n"
        + "  void make() {\n"
        + "    class Local {\n"
        + "      @OnConnect void open() {} //!\n"
        + "    }\n"
        + "    Object anonymous = new Object() {\n"
        + "      @OnFrame void text(String s) {} //anonymous\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    List<Diagnostic<? extends JavaFileObject>> errors = DiskCompilation.compile(compiler, List.of(source))
        .errorDiagnostics();
    assertThat(errors).extracting(d -> d.getMessage(Locale.ROOT)).containsExactlyInAnyOrder(
        "wsnova handler classes must have a name the generated adapter can use: Local is a local class. Move its"
            + " annotated methods to a static nested or top-level class",
        "wsnova handler classes must have a name the generated adapter can use: this is an anonymous class. Move"
            + " its annotated methods to a static nested or top-level class");
    assertThat(errors).extracting(Diagnostic::getLineNumber).containsExactlyInAnyOrder(
        Compilers.lineOf(source, "//!"), Compilers.lineOf(source, "//anonymous"));
  }

  @org.junit.jupiter.api.Test
  void eclipseCannotSeeLocalClassesSoTheRuntimeSaysIt() throws Exception {
    String source = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Outer {\n"
        + "  public static Object make() {\n"
        + "    return new Object() {\n"
        + "      @OnFrame void text(String s) {}\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(Compilers.ECJ, List.of(source));
    assertThat(c.errors()).as("ECJ builds no local class before processing").isEmpty();
    Object anonymous = c.classLoader().loadClass("com.example.Outer").getMethod("make").invoke(null);
    assertThat(RuntimeAdapterNames.lookupFailure(anonymous))
        .contains("is an anonymous class")
        .contains("Move its annotated methods to a static nested or top-level class");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void namesWithDollarsAndUnderscoresGetAdaptersTheRuntimeFinds(Compilers compiler) throws Exception {
    String dollar = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Live$Feed {\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnFrame void text(String s) { calls.add(s); }\n"
        + "  public static class In_ner { @OnConnect void open() {} }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(dollar));

    Loaded loaded = Loaded.from(c, "com.example.Live$Feed", "com.example.Live$FeedConnectionHandler");
    loaded.adapter().onFrame(Frame.text("x"), connection);
    assertThat(loaded.calls()).containsExactly("x");
    assertThat(c.generated("com.example.Live$Feed_In_nerConnectionHandler")).isTrue();
    Class<?> inner = c.classLoader().loadClass("com.example.Live$Feed$In_ner");
    assertThat(RuntimeAdapterNames.of(inner)).isEqualTo("com.example.Live$Feed_In_nerConnectionHandler");
    assertThat(RuntimeAdapterNames.of(c.classLoader().loadClass("com.example.Live$Feed")))
        .isEqualTo("com.example.Live$FeedConnectionHandler");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void namesWithDollarsGetTheSameErrorsAsOthers(Compilers compiler) {
    String source = "package com.example;\nimport io.wsnova.annotations.*;\n"
        + "public class Live$Feed {\n"
        + "  @OnConnect private void open() {} //!\n"
        + "}\n";
    expectOneError(compiler, List.of(source), source, "Live$Feed.java", "@OnConnect methods must not be private");
  }

  static void expectOneError(Compilers compiler, List<String> sources, String marked, String file,
      String... fragments) {
    List<Diagnostic<? extends JavaFileObject>> errors = DiskCompilation.compile(compiler, sources).errorDiagnostics();
    assertThat(errors).as("errors: %s", errors.stream().map(d -> d.getMessage(Locale.ROOT)).toList()).hasSize(1);
    String text = errors.get(0).getMessage(Locale.ROOT);
    for (String f : fragments) {
      assertThat(text).contains(f);
    }
    assertThat(Path.of(errors.get(0).getSource().getName()).getFileName().toString()).isEqualTo(file);
    assertThat(errors.get(0).getLineNumber()).isEqualTo(Compilers.lineOf(marked, "//!"));
  }
}
