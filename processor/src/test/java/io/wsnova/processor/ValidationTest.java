package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per compile-time rule: the error is the only one, its text names the rule and the fix, and it
 * sits on the exact line (method, parameter or annotation value) that is wrong. Every test runs on javac
 * and on Eclipse's compiler.
 */
class ValidationTest {

  /** Compiles {@code body} inside a handler class and expects exactly one error, on the line marked {@code //!}. */
  private static void expectError(Compilers compiler, String source, String... fragments) {
    List<Diagnostic<? extends JavaFileObject>> errors = errors(compiler, source);
    assertThat(errors)
        .as("errors from %s:\n%s", compiler, errors.stream()
            .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n")))
        .hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String text = error.getMessage(Locale.ROOT);
    for (String f : fragments) {
      assertThat(text).contains(f);
    }
    assertThat(error.getSource().getName()).endsWith("Handler.java");
    assertThat(error.getLineNumber()).as("line of: %s", text).isEqualTo(Compilers.lineOf(source, "//!"));
  }

  /** The errors of compiling {@code sources} (on disk: Eclipse's compiler reads generated files back from there). */
  static List<Diagnostic<? extends JavaFileObject>> errors(Compilers compiler, String... sources) {
    return DiskCompilation.compile(compiler, List.of(sources)).errorDiagnostics();
  }

  private static String handler(String members) {
    return "package com.example;\n"
        + "import io.wsnova.annotations.*;\n"
        + "import io.wsnova.runtime.*;\n"
        + "import java.nio.ByteBuffer;\n"
        + "import java.time.Duration;\n"
        + "public class Handler {\n"
        + "  public record Tick(String symbol) {}\n"
        + "  public record Ack(String id) {}\n"
        + members
        + "}\n";
  }

  /** One rule: a name, a source with the wrong line marked {@code //!}, and what the error must say. */
  record Rule(String name, String source, List<String> says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Rule> rules() {
    return List.of(
        new Rule("privateMethod",
            handler("  @OnConnect\n  private void open() {} //!\n"),
            List.of("@OnConnect methods must not be private", "open()", "package-private or public")),
        new Rule("staticMethod",
            handler("  @OnFrame\n  static void text(String s) {} //!\n"),
            List.of("@OnFrame methods must not be static", "text(String)", "Remove 'static'")),
        new Rule("genericMethod",
            handler("  @OnFrame\n  <T> void text(String s) {} //!\n"),
            List.of("@OnFrame methods must not be generic", "Remove the type parameters")),
        new Rule("privateClass",
            handler("  private static class Inner { //!\n    @OnConnect void open() {}\n  }\n"),
            List.of("handler classes must not be private", "Handler_InnerConnectionHandler", "Make Handler.Inner package-private")),
        new Rule("classInsidePrivateClass",
            handler("  private static class Outer {\n    static class Inner { //!\n"
                + "      @OnConnect void open() {}\n    }\n  }\n"),
            List.of("must be reachable from their package", "Handler.Outer.Inner sits in the private class Handler.Outer")),
        new Rule("interfaceType",
            "package com.example;\nimport io.wsnova.annotations.*;\n"
                + "public interface Handler { //!\n  @OnConnect void open();\n  @OnFrame default void text(String s) {}\n}\n",
            List.of("not of an interface (Handler)", "Move them to a class that implements it")),
        new Rule("innerClass",
            handler("  class Inner { //!\n    @OnConnect void open() {}\n  }\n"),
            List.of("must be top-level or static", "Handler.Inner is an inner class", "Add 'static'")),
        new Rule("genericClass",
            "package com.example;\nimport io.wsnova.annotations.*;\n"
                + "public class Handler<T> { //!\n  @OnConnect void open() {}\n}\n",
            List.of("handler classes must not be generic")),
        new Rule("twoCallbacksOnOneMethod",
            handler("  @OnConnect @OnDisconnect\n  void both() {} //!\n"),
            List.of("a method answers one callback", "both() carries both @OnConnect and @OnDisconnect")),
        new Rule("twoMethodsForOneCallback",
            handler("  @OnConnect void first(Connection c) {}\n  @OnConnect\n  void second() {} //!\n"),
            List.of("a class has at most one @OnConnect method, and first(Connection) already is one", "Merge second() into it")),
        new Rule("unsupportedParameter",
            handler("  @OnPong void pong(\n      Duration rtt,\n      String text) {} //!\n"),
            List.of("@OnPong methods cannot take a parameter of type String", "They may take, in any order: byte[] (the payload), ByteBuffer (the payload), Duration")),
        new Rule("repeatedParameter",
            handler("  @OnConnect void open(\n      Connection a,\n      Connection b) {} //!\n"),
            List.of("@OnConnect methods take each value once, and parameter 'b' repeats Connection")),
        new Rule("textAndBinaryInOneFrameMethod",
            handler("  @OnFrame void any(\n      String text,\n      byte[] data) {} //!\n"),
            List.of("receives either text (String or a JSON type) or binary", "'data' mixes them")),
        new Rule("twoJsonTypes",
            handler("  @OnFrame void any(\n      Tick tick,\n      Ack ack) {} //!\n"),
            List.of("decodes each message into one type, and 'ack' would be a second (Handler.Ack)")),
        new Rule("unsupportedReturn",
            handler("  @OnDisconnect\n  String gone(DisconnectReason r) { return \"\"; } //!\n"),
            List.of("@OnDisconnect methods cannot return String", "They may return: void, Result, Result.Ok, Result.Stop")),
        new Rule("pongCanOnlyBeOk",
            handler("  @OnPong\n  Result pong() { return Result.ok(); } //!\n"),
            List.of("@OnPong methods cannot return Result", "They may return: void, Result.Ok")),
        new Rule("replyFromDisconnect",
            handler("  @OnDisconnect\n  Result.Reply gone() { return null; } //!\n"),
            List.of("@OnDisconnect methods cannot return Result.Reply")),
        new Rule("reconnectFromFrame",
            handler("  @OnFrame\n  Result.Reconnect text(String s) { return null; } //!\n"),
            List.of("@OnFrame methods must not return Result.Reconnect", "ConnectionHandler callbacks never decide reconnection, the ErrorHandler does", "Return Result.close(code, reason) or Result.stop() here", "Options.builder().errorHandler(event -> ...).build()")),
        new Rule("reconnectFromDisconnect",
            handler("  @OnDisconnect\n  Result.Reconnect gone() { return null; } //!\n"),
            List.of("@OnDisconnect methods must not return Result.Reconnect", "Return Result.ok() or Result.stop() here")),
        new Rule("routeWithoutValue",
            handler("  @OnFrame(\n      field = \"type\") //!\n  void tick(Tick t) {}\n"),
            List.of("@OnFrame routes by a field and the value it must have: field is set but value is not")),
        new Rule("routeWithoutJsonParameter",
            handler("  @OnFrame(\n      field = \"type\", //!\n      value = \"tick\")\n  void tick(String t) {}\n"),
            List.of("routes JSON messages to a decoded type, but tick(String) takes no parameter to decode them into")),
        new Rule("conditionWithoutEquals",
            handler("  @OnFrame(when = {\"method=subscription\", \"params.channel\"}) //!\n  void sub(Tick t) {}\n"),
            List.of("conditions are \"path=value\"", "\"params.channel\" is not")),
        new Rule("pathWithAnEmptyPart",
            handler("  @OnFrame(\n      field = \"params..channel\", value = \"x\") //!\n  void sub(Tick t) {}\n"),
            List.of("a dotted path to a nested field", "\"params..channel\" has an empty part")),
        new Rule("oneFieldTwice",
            handler("  @OnFrame(field = \"type\", value = \"a\", when = {\"type=b\"}) //!\n  void sub(Tick t) {}\n"),
            List.of("one condition per field, and \"type\" has two")),
        new Rule("overlappingPrefixesOnDifferentFields",
            handler("  @OnFrame(when = \"a=x*\") void one(Tick t) {}\n  @OnFrame(when = \"b=y*\")\n  void two(Ack a) {} //!\n"),
            List.of("could both take one message (a starting with \"x\" and b starting with \"y\")")),
        new Rule("routesByTwoFieldsThatCanMeet",
            handler("  @OnFrame(field = \"type\", value = \"tick\") void tick(Tick t) {}\n"
                + "  @OnFrame(field = \"kind\", value = \"ack\")\n  void ack(Ack a) {} //!\n"),
            List.of("ack(Handler.Ack) and tick(Handler.Tick) could both take one message (type = \"tick\" and kind ="
                + " \"ack\"), and neither is more specific")),
        new Rule("sameRouteTwice",
            handler("  @OnFrame(field = \"type\", value = \"tick\") void tick(Tick t) {}\n"
                + "  @OnFrame(field = \"type\", value = \"tick\")\n  void again(Ack a) {} //!\n"),
            List.of("again(Handler.Ack) and tick(Handler.Tick) could both take one message (type = \"tick\")")),
        new Rule("twoTextMethods",
            handler("  @OnFrame void a(String t) {}\n  @OnFrame\n  void b(String t, Connection c) {} //!\n"),
            List.of("b(String, Connection) would receive the same frames as a(String): both take text frames")),
        new Rule("unroutedJsonBesideText",
            handler("  @OnFrame void a(String t) {}\n  @OnFrame\n  void b(Tick t) {} //!\n"),
            List.of("a JSON method without a route receives every text frame")),
        new Rule("catchAllBesideBinary",
            handler("  @OnFrame void a(byte[] b) {}\n  @OnFrame\n  void all(FrameType t) {} //!\n"),
            List.of("a method without a payload parameter receives every text and binary frame")),
        new Rule("invalidClientUri",
            "package com.example;\nimport io.wsnova.annotations.*;\n"
                + "@WebSocketClient(\n    uri = \"http://example.com\") //!\npublic class Handler {\n  @OnConnect void open() {}\n}\n",
            List.of("@WebSocketClient(uri) must be a ws:// or wss:// address", "\"http://example.com\" is not")),
        new Rule("negativePingInterval",
            "package com.example;\nimport io.wsnova.annotations.*;\n"
                + "@WebSocketClient(uri = \"ws://localhost/\",\n    pingIntervalMillis = -5) //!\npublic class Handler {\n"
                + "  @OnConnect void open() {}\n}\n",
            List.of("must be 0 (no heartbeat) or positive, not -5")));
  }

  static Stream<Arguments> everyRuleOnEveryCompiler() {
    return rules().stream().flatMap(rule -> Stream.of(Compilers.values()).map(c -> Arguments.of(c, rule)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("everyRuleOnEveryCompiler")
  void eachRuleIsOneErrorOnTheMarkedLineSayingTheRuleAndTheFix(Compilers compiler, Rule rule) {
    expectError(compiler, rule.source(), rule.says().toArray(String[]::new));
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anAdapterNameThatIsTakenIsAnErrorNotACrash(Compilers compiler) {
    String handler = "package com.example;\nimport io.wsnova.annotations.*;\npublic class Handler { //!\n"
        + "  @OnConnect void open() {}\n}\n";
    String squatter = "package com.example;\npublic class HandlerConnectionHandler {}\n";
    List<Diagnostic<? extends JavaFileObject>> errors = errors(compiler, handler, squatter);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getMessage(Locale.ROOT))
        .contains("the adapter of Handler would be com.example.HandlerConnectionHandler, but a type of that name"
            + " already exists");
    assertThat(errors.get(0).getLineNumber()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void everyProblemOfAClassIsReportedInOneCompile(Compilers compiler) {
    String source = handler("  @OnConnect private void a() {}\n  @OnPong Result b() { return null; }\n");
    assertThat(errors(compiler, source)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aValidClassCompilesCleanly(Compilers compiler) {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(handler(
        "  @OnFrame(field = \"type\", value = \"tick\") void tick(Tick t) {}\n"
        + "  @OnFrame(field = \"type\", value = \"ack\") void ack(Ack a) {}\n"
        + "  @OnFrame void other(String text) {}\n  @OnFrame void bin(ByteBuffer b) {}\n")));
    assertThat(c.errors()).isEmpty();
    assertThat(c.generated("com.example.HandlerConnectionHandler")).isTrue();
  }
}
