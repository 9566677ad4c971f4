package io.wsnova.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** A validated handler class: everything the adapter writer needs, and nothing it must check again. */
record HandlerModel(
    TypeElement type,
    ClassName userClass,
    ClassName adapterClass,
    Map<CallbackKind, CallbackMethod> callbacks,
    List<CallbackMethod> frameMethods,
    Optional<ClientDefaults> defaults) {

  /** One parameter of a user method. */
  record Param(ParamKind kind, TypeMirror type) {}

  /**
   * One annotated user method. {@code throwsBeyondException}: it declares a checked throwable that is no
   * {@code Exception} (e.g. {@code throws Throwable}), which the adapter must wrap to pass on.
   */
  record CallbackMethod(CallbackKind kind, ExecutableElement element, List<Param> params, ReturnKind returns,
      FrameRoute route, boolean throwsBeyondException) {

    String name() {
      return element.getSimpleName().toString();
    }

    boolean declaresExceptions() {
      return !element.getThrownTypes().isEmpty();
    }

    boolean takes(ParamKind kind) {
      return params.stream().anyMatch(p -> p.kind() == kind);
    }
  }

  /**
   * One condition of a route: the value at {@code path} equals {@code value}, or starts with it when
   * {@code prefix}.
   */
  record Condition(List<String> path, String value, boolean prefix) {
    String dotted() {
      return String.join(".", path);
    }

    /** Whether some message could meet both conditions (on the same path). */
    boolean compatibleWith(Condition other) {
      if (!path.equals(other.path)) {
        return true;
      }
      if (prefix && other.prefix) {
        return value.startsWith(other.value) || other.value.startsWith(value);
      }
      if (prefix) {
        return other.value.startsWith(value);
      }
      if (other.prefix) {
        return value.startsWith(other.value);
      }
      return value.equals(other.value);
    }
  }

  /** Which data frames an {@code @OnFrame} method receives. */
  record FrameRoute(Kind kind, List<Condition> conditions, List<String> decodePath, TypeMirror jsonType) {
    enum Kind {
      /** No payload parameter: every text and binary frame. */
      ALL,
      /** {@code String}: text frames no JSON route took. */
      TEXT,
      /** {@code byte[]} or {@code ByteBuffer}: binary frames. */
      BINARY,
      /** A JSON type without a route: every text frame. */
      JSON_ALL,
      /** A JSON type with conditions. */
      JSON_ROUTED
    }

    static FrameRoute of(Kind kind) {
      return new FrameRoute(kind, List.of(), List.of(), null);
    }

    /** A single exact condition on a top-level field: what a plain switch can route. */
    boolean isSimple() {
      return conditions.size() == 1 && !conditions.get(0).prefix() && conditions.get(0).path().size() == 1;
    }

    /**
     * Precedence, most specific first: more conditions, then more exact ones; between routes on the same
     * fields, then longer values (a longer prefix). Routes of equal precedence that could take the same
     * message are an error.
     */
    int[] rank() {
      int exact = (int) conditions.stream().filter(c -> !c.prefix()).count();
      return new int[] {conditions.size(), exact};
    }

    /** The length of the values, which orders routes on the same fields. */
    int literalLength() {
      return conditions.stream().mapToInt(c -> c.value().length()).sum();
    }

    /** Whether precedence decides between this route and {@code other} of equal rank: same fields, longer values. */
    boolean decidedAgainst(FrameRoute other) {
      java.util.Set<List<String>> mine = conditions.stream().map(Condition::path).collect(java.util.stream.Collectors.toSet());
      java.util.Set<List<String>> theirs = other.conditions.stream().map(Condition::path)
          .collect(java.util.stream.Collectors.toSet());
      return mine.equals(theirs) && literalLength() != other.literalLength();
    }

    /** Whether some message could meet every condition of both routes. */
    boolean compatibleWith(FrameRoute other) {
      for (Condition a : conditions) {
        for (Condition b : other.conditions) {
          if (!a.compatibleWith(b)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /** The values of a class-level {@code @WebSocketClient}. */
  record ClientDefaults(String uri, List<String> subprotocols, long pingIntervalMillis, String requestIdField,
      String resultField, String errorField, boolean permessageDeflate) {
    boolean setsRequestFields() {
      return !requestIdField.isEmpty() || !resultField.isEmpty() || !errorField.isEmpty();
    }
  }
}
