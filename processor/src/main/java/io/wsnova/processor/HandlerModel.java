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

  /** Which data frames an {@code @OnFrame} method receives. */
  record FrameRoute(Kind kind, String field, String value, TypeMirror jsonType) {
    enum Kind {
      /** No payload parameter: every text and binary frame. */
      ALL,
      /** {@code String}: text frames no JSON route took. */
      TEXT,
      /** {@code byte[]} or {@code ByteBuffer}: binary frames. */
      BINARY,
      /** A JSON type without a discriminator: every text frame. */
      JSON_ALL,
      /** A JSON type with {@code field} = {@code value}. */
      JSON_ROUTED
    }
  }

  /** The values of a class-level {@code @WebSocketClient}. */
  record ClientDefaults(String uri, List<String> subprotocols, long pingIntervalMillis) {}
}
