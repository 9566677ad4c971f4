package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void privateMethod(Compilers compiler) {
    expectError(compiler, handler("  @OnConnect\n  private void open() {} //!\n"),
        "@OnConnect methods must not be private", "open()", "package-private or public");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void staticMethod(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame\n  static void text(String s) {} //!\n"),
        "@OnFrame methods must not be static", "text(String)", "Remove 'static'");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void genericMethod(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame\n  <T> void text(String s) {} //!\n"),
        "@OnFrame methods must not be generic", "Remove the type parameters");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void privateClass(Compilers compiler) {
    expectError(compiler, handler("  private static class Inner { //!\n    @OnConnect void open() {}\n  }\n"),
        "handler classes must not be private", "Handler_InnerConnectionHandler", "Make Handler.Inner package-private");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void classInsidePrivateClass(Compilers compiler) {
    expectError(compiler, handler("  private static class Outer {\n    static class Inner { //!\n"
            + "      @OnConnect void open() {}\n    }\n  }\n"),
        "must be reachable from their package", "Handler.Outer.Inner sits in the private class Handler.Outer");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void interfaceType(Compilers compiler) {
    expectError(compiler, "package com.example;\nimport io.wsnova.annotations.*;\n"
            + "public interface Handler { //!\n  @OnConnect void open();\n  @OnFrame default void text(String s) {}\n}\n",
        "not of an interface (Handler)", "Move them to a class that implements it");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void innerClass(Compilers compiler) {
    expectError(compiler, handler("  class Inner { //!\n    @OnConnect void open() {}\n  }\n"),
        "must be top-level or static", "Handler.Inner is an inner class", "Add 'static'");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void genericClass(Compilers compiler) {
    expectError(compiler, "package com.example;\nimport io.wsnova.annotations.*;\n"
            + "public class Handler<T> { //!\n  @OnConnect void open() {}\n}\n",
        "handler classes must not be generic");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoCallbacksOnOneMethod(Compilers compiler) {
    expectError(compiler, handler("  @OnConnect @OnDisconnect\n  void both() {} //!\n"),
        "a method answers one callback", "both() carries both @OnConnect and @OnDisconnect");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoMethodsForOneCallback(Compilers compiler) {
    expectError(compiler, handler("  @OnConnect void first(Connection c) {}\n  @OnConnect\n  void second() {} //!\n"),
        "a class has at most one @OnConnect method, and first(Connection) already is one",
        "Merge second() into it");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void unsupportedParameter(Compilers compiler) {
    expectError(compiler, handler("  @OnPong void pong(\n      Duration rtt,\n      String text) {} //!\n"),
        "@OnPong methods cannot take a parameter of type String",
        "They may take, in any order: byte[] (the payload), ByteBuffer (the payload), Duration");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void repeatedParameter(Compilers compiler) {
    expectError(compiler, handler("  @OnConnect void open(\n      Connection a,\n      Connection b) {} //!\n"),
        "@OnConnect methods take each value once, and parameter 'b' repeats Connection");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void textAndBinaryInOneFrameMethod(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame void any(\n      String text,\n      byte[] data) {} //!\n"),
        "receives either text (String or a JSON type) or binary", "'data' mixes them");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoJsonTypes(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame void any(\n      Tick tick,\n      Ack ack) {} //!\n"),
        "decodes each message into one type, and 'ack' would be a second (Handler.Ack)");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void unsupportedReturn(Compilers compiler) {
    expectError(compiler, handler("  @OnDisconnect\n  String gone(DisconnectReason r) { return \"\"; } //!\n"),
        "@OnDisconnect methods cannot return String", "They may return: void, Result, Result.Ok, Result.Stop");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void pongCanOnlyBeOk(Compilers compiler) {
    expectError(compiler, handler("  @OnPong\n  Result pong() { return Result.ok(); } //!\n"),
        "@OnPong methods cannot return Result", "They may return: void, Result.Ok");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void replyFromDisconnect(Compilers compiler) {
    expectError(compiler, handler("  @OnDisconnect\n  Result.Reply gone() { return null; } //!\n"),
        "@OnDisconnect methods cannot return Result.Reply");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void reconnectFromFrame(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame\n  Result.Reconnect text(String s) { return null; } //!\n"),
        "@OnFrame methods must not return Result.Reconnect",
        "ConnectionHandler callbacks never decide reconnection, the ErrorHandler does",
        "Return Result.close(code, reason) or Result.stop() here",
        "Options.builder().errorHandler(event -> ...).build()");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void reconnectFromDisconnect(Compilers compiler) {
    expectError(compiler, handler("  @OnDisconnect\n  Result.Reconnect gone() { return null; } //!\n"),
        "@OnDisconnect methods must not return Result.Reconnect", "Return Result.ok() or Result.stop() here");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void routeWithoutValue(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame(\n      field = \"type\") //!\n  void tick(Tick t) {}\n"),
        "@OnFrame routes by a field and the value it must have: field is set but value is not");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void routeWithoutJsonParameter(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame(\n      field = \"type\", //!\n      value = \"tick\")\n  void tick(String t) {}\n"),
        "routes JSON messages to a decoded type, but tick(String) takes no parameter to decode them into");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void routesByTwoFields(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame(field = \"type\", value = \"tick\") void tick(Tick t) {}\n"
            + "  @OnFrame(field = \"kind\", value = \"ack\")\n  void ack(Ack a) {} //!\n"),
        "route by one field, and ack(Handler.Ack) routes by \"kind\" while tick(Handler.Tick) routes by \"type\"");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void sameRouteTwice(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame(field = \"type\", value = \"tick\") void tick(Tick t) {}\n"
            + "  @OnFrame(field = \"type\", value = \"tick\")\n  void again(Ack a) {} //!\n"),
        "again(Handler.Ack) would receive the same frames as tick(Handler.Tick): both route type = \"tick\"");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void twoTextMethods(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame void a(String t) {}\n  @OnFrame\n  void b(String t, Connection c) {} //!\n"),
        "b(String, Connection) would receive the same frames as a(String): both take text frames");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void unroutedJsonBesideText(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame void a(String t) {}\n  @OnFrame\n  void b(Tick t) {} //!\n"),
        "a JSON method without field and value receives every text frame");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void catchAllBesideBinary(Compilers compiler) {
    expectError(compiler, handler("  @OnFrame void a(byte[] b) {}\n  @OnFrame\n  void all(FrameType t) {} //!\n"),
        "a method without a payload parameter receives every text and binary frame");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void invalidClientUri(Compilers compiler) {
    expectError(compiler, "package com.example;\nimport io.wsnova.annotations.*;\n"
            + "@WebSocketClient(\n    uri = \"http://example.com\") //!\npublic class Handler {\n  @OnConnect void open() {}\n}\n",
        "@WebSocketClient(uri) must be a ws:// or wss:// address", "\"http://example.com\" is not");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void negativePingInterval(Compilers compiler) {
    expectError(compiler, "package com.example;\nimport io.wsnova.annotations.*;\n"
            + "@WebSocketClient(uri = \"ws://localhost/\",\n    pingIntervalMillis = -5) //!\npublic class Handler {\n"
            + "  @OnConnect void open() {}\n}\n",
        "must be 0 (no heartbeat) or positive, not -5");
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
