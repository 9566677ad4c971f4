package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.Frame;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whatever a valid handler holds, its adapter compiles, without warnings, and does what the handler says. */
class GeneratedCodeTest {
  private final FakeConnection connection = new FakeConnection();

  /** Route values that break naive generators: a comment end, a Unicode escape, quotes, a newline, HTML. */
  private static final String TRICKY = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "@WebSocketClient(uri = \"ws://h/a*/b?q=*/x\")\n"
      + "public class Tricky {\n"
      + "  public record M(String t) {}\n"
      + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
      + "  @OnFrame(field = \"t\", value = \"quotes/*/eur\") void a(M m) { calls.add(\"a\"); }\n"
      + "  @OnFrame(field = \"t\", value = \"back\\\\u0041slash\") void b(M m) { calls.add(\"b\"); }\n"
      + "  @OnFrame(field = \"t\", value = \"q\\\"uote\\nnew<b>&{@code}\") void c(M m) { calls.add(\"c\"); }\n"
      + "  @OnFrame(field = \"t\", value = \"end*/\") void d(M m) { calls.add(\"d\"); }\n"
      + "}\n";

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void userStringsAreEscapedInJavadocAndLiterals(Compilers compiler) throws Exception {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(TRICKY));
    Loaded loaded = Loaded.from(c, "demo.Tricky", "demo.TrickyConnectionHandler");

    loaded.adapter().onFrame(Frame.text("{\"t\":\"quotes/*/eur\"}"), connection);
    loaded.adapter().onFrame(Frame.text("{\"t\":\"back\\\\u0041slash\"}"), connection);
    loaded.adapter().onFrame(Frame.text("{\"t\":\"q\\\"uote\\nnew<b>&{@code}\"}"), connection);
    loaded.adapter().onFrame(Frame.text("{\"t\":\"end*/\"}"), connection);
    assertThat(loaded.calls()).containsExactly("a", "b", "c", "d");
    assertThat(c.generatedSource("demo.TrickyConnectionHandler").lines()
        .filter(line -> line.trim().startsWith("*") && !line.trim().equals("*/")))
        .as("Javadoc lines").noneMatch(line -> line.contains("*/") || line.contains("\\u"));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void userMethodsMayDeclareAnyThrowable(Compilers compiler) throws Exception {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Thrower {\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnConnect void open() throws Throwable { throw new Throwable(\"raw\"); }\n"
        + "  @OnFrame void text(String s) throws java.io.IOException { throw new java.io.IOException(s); }\n"
        + "  @OnDisconnect void gone() throws Exception, Throwable {}\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source));
    Loaded loaded = Loaded.from(c, "demo.Thrower", "demo.ThrowerConnectionHandler");

    assertThatThrownBy(() -> loaded.adapter().onConnect(null, connection))
        .isInstanceOf(UndeclaredThrowableException.class)
        .cause().hasMessage("raw");
    assertThatThrownBy(() -> loaded.adapter().onFrame(Frame.text("x"), connection))
        .isInstanceOf(java.io.IOException.class).hasMessage("x");
  }

  /** A handler that uses every kind of callback, parameter and route: its adapter's every line under lint. */
  private static final String EVERYTHING = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "import io.wsnova.runtime.*;\nimport java.nio.ByteBuffer;\nimport java.time.Duration;\n"
      + "import java.util.List;\nimport java.util.Map;\n"
      + "@WebSocketClient(uri = \"wss://example.com/feed\", subprotocols = {\"a\", \"b\"}, pingIntervalMillis = 5000)\n"
      + "public class Everything {\n"
      + "  public record Tick(String type, double p) {}\n"
      + "  public record Envelope<T>(String type, T data) {}\n"
      + "  @OnInit void init(Options o, Connection c) {}\n"
      + "  @OnConnect Result open(ConnectionInfo i, Connection c) { return Result.ok(); }\n"
      + "  @OnFrame(field = \"type\", value = \"tick\") Result.Reply tick(Tick t, FrameType f, Connection c) { return null; }\n"
      + "  @OnFrame(field = \"type\", value = \"list\") void list(List<Tick> ticks) {}\n"
      + "  @OnFrame(field = \"type\", value = \"map\") String map(Map<String, Tick> ticks) { return null; }\n"
      + "  @OnFrame(field = \"type\", value = \"env\") byte[] env(Envelope<Tick> e) { return null; }\n"
      + "  @OnFrame void text(String s) {}\n"
      + "  @OnFrame void binary(byte[] b, Connection c) {}\n"
      + "  @PrepareFrame String prepare(String s) { return s; }\n"
      + "  @PingPayload ByteBuffer ping() { return null; }\n"
      + "  @OnPong void pong(ByteBuffer b, Duration d) {}\n"
      + "  @OnDisconnect Result.Stop gone(DisconnectReason r) { return null; }\n"
      + "  @OnTimeout void timeout(DisconnectReason.Timeout t, ConnectionInfo i) {}\n"
      + "  @ReportStatus Map<String, Object> status() { return Map.of(); }\n"
      + "}\n";

  @Test
  void theAdapterCompilesCleanUnderJavacLintWithWerror() {
    DiskCompilation c = DiskCompilation.compile(Compilers.JAVAC, List.of(EVERYTHING),
        DiskCompilation.Setup.options("-Xlint:all", "-Werror"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.generated("demo.EverythingConnectionHandler")).isTrue();
  }

  @Test
  void theAdapterCompilesWithoutWarningsUnderEclipseWarnAll() {
    DiskCompilation c = DiskCompilation.compile(Compilers.ECJ, List.of(EVERYTHING),
        DiskCompilation.Setup.options("-warn:all"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).filteredOn(w -> w.contains("ConnectionHandler.java")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void genericJsonTypesAreDecodedWithTheirFullType(Compilers compiler) throws Exception {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "import java.util.List;\nimport java.util.Map;\n"
        + "public class Generic {\n"
        + "  public record Tick(String s) {}\n"
        + "  public record Envelope<T>(String type, T data) {}\n"
        + "  public final List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnFrame(field = \"type\", value = \"env\") void env(Envelope<Tick> e) {\n"
        + "    calls.add(e.data().s());\n  }\n"
        + "  @OnFrame(field = \"type\", value = \"map\") void map(Envelope<Map<String, List<Tick>>> e) {\n"
        + "    calls.add(e.data().get(\"k\").get(1).s());\n  }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source));
    Loaded loaded = Loaded.from(c, "demo.Generic", "demo.GenericConnectionHandler");

    loaded.adapter().onFrame(Frame.text("{\"type\":\"env\",\"data\":{\"s\":\"BTC\"}}"), connection);
    loaded.adapter().onFrame(Frame.text("{\"type\":\"map\",\"data\":{\"k\":[{\"s\":\"A\"},{\"s\":\"B\"}]}}"),
        connection);
    assertThat(loaded.calls()).as("records all the way down, not LinkedHashMaps").containsExactly("BTC", "B");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void typeVariablesWildcardsAndRawTypesInJsonParametersAreErrorsThatStateTheRule(Compilers compiler) {
    String source = "package demo;\nimport io.wsnova.annotations.*;\nimport java.util.List;\n"
        + "public class Bad {\n"
        + "  @OnFrame(field = \"t\", value = \"a\") void a(\n      List<?> wild) {} //wild\n"
        + "  @OnFrame(field = \"t\", value = \"b\") void b(\n      List raw) {} //raw\n"
        + "}\n";
    List<String> errors = DiskCompilation.compile(compiler, List.of(source)).errors();
    assertThat(errors).containsExactlyInAnyOrder(
        "@OnFrame decodes JSON into the exact type of 'wild', so List<?> must not contain a wildcard (?). Name"
            + " concrete type arguments, e.g. List<Tick> or Map<String, Quote>",
        "@OnFrame decodes JSON into the exact type of 'raw', so List must not contain a raw type (List without type"
            + " arguments). Name concrete type arguments, e.g. List<Tick> or Map<String, Quote>");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void fiveThousandRoutesCompileAndDispatch(Compilers compiler) throws Exception {
    StringBuilder source = new StringBuilder("package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Many {\n  public record M(String op, int n) {}\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n");
    for (int i = 0; i < 5000; i++) {
      source.append("  @OnFrame(field = \"op\", value = \"op").append(i).append("\") void m").append(i)
          .append("(M m) { calls.add(\"").append(i).append(" \" + m.n()); }\n");
    }
    source.append("  @OnFrame void other(String s) { calls.add(\"other\"); }\n}\n");
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source.toString()));
    Loaded loaded = Loaded.from(c, "demo.Many", "demo.ManyConnectionHandler");

    for (int i : new int[] {0, 1, 2500, 4999}) {
      loaded.adapter().onFrame(Frame.text("{\"op\":\"op" + i + "\",\"n\":" + (i * 2) + "}"), connection);
    }
    loaded.adapter().onFrame(Frame.text("{\"op\":\"op5000\"}"), connection);
    assertThat(loaded.calls()).containsExactly("0 0", "1 2", "2500 5000", "4999 9998", "other");
  }

  @Test
  void javadocTextEscapesEverythingThatCouldEndOrMarkUpAComment() {
    assertThat(AdapterJavadoc.text("a*/b\\u0041{@x}<&>\n")).isEqualTo(
        "a&#42;&#47;b&#92;u0041&#123;&#64;x&#125;&#60;&#38;&#62;&#10;");
    assertThat(AdapterJavadoc.text("plain text, ok")).isEqualTo("plain text, ok");
    assertThat(AdapterJavadoc.text("€ and 😀")).isEqualTo("€ and 😀");
  }
}
