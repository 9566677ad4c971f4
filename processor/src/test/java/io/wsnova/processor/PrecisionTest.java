package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One mistake, one error, in words that fit the mistake. */
class PrecisionTest {

  private static String only(Compilers compiler, String source) {
    List<String> errors = DiskCompilation.compile(compiler, List.of(source)).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  private static String handler(String members) {
    return "package demo;\nimport io.wsnova.annotations.*;\nimport io.wsnova.runtime.*;\n"
        + "public class Feed {\n  public record Tick(String t) {}\n" + members + "}\n";
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aGenericMethodGetsOneErrorNotOneMorePerTypeVariableParameter(Compilers compiler) {
    assertThat(only(compiler, handler("  @OnFrame <T> void any(T t) {}\n")))
        .startsWith("@OnFrame methods must not be generic");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void bytesAndByteBufferInOneMethodRepeatThePayload(Compilers compiler) {
    assertThat(only(compiler, handler("  @OnFrame void bin(byte[] a, java.nio.ByteBuffer b) {}\n")))
        .isEqualTo("@OnFrame methods take each value once, and parameter 'b' repeats the payload, which 'a' already"
            + " takes");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anEmptyRouteValueSaysItIsEmpty(Compilers compiler) {
    assertThat(only(compiler, handler("  @OnFrame(field = \"t\", value = \"\") void tick(Tick t) {}\n")))
        .startsWith("@OnFrame(value) is empty");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anEnumGetsAMessageForEnums(Compilers compiler) {
    assertThat(only(compiler, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public enum Feed {\n  A;\n  @OnConnect void open() {}\n}\n"))
        .isEqualTo("wsnova callback annotations belong on methods of a class or record, not of an enum (Feed). Move"
            + " them to a class of their own");
  }

  /**
   * javac only: Eclipse's compiler does not hand annotation type members to processors as annotated
   * elements, so there the annotation is simply never seen (and an annotation type is no handler object).
   */
  @org.junit.jupiter.api.Test
  void anAnnotationTypeGetsAMessageForAnnotationTypes() {
    assertThat(only(Compilers.JAVAC, "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public @interface Feed {\n  @OnConnect String open();\n}\n"))
        .startsWith("wsnova callback annotations belong on methods of a class or record, not of an annotation type");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aReconnectFromTheStatusCallbackNamesWhatItMayReturn(Compilers compiler) {
    assertThat(only(compiler, handler("  @ReportStatus Result.Reconnect status() { return null; }\n")))
        .contains("@ReportStatus methods must not return Result.Reconnect")
        .contains("Return any other value (a record, a String, a Map...) here");
  }
}
