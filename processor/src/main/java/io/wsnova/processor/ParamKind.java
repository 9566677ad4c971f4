package io.wsnova.processor;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.element.TypeElement;

/** What a callback parameter receives, judged from its declared type. */
enum ParamKind {
  OPTIONS("Options (the connect options)"),
  CONNECTION("Connection"),
  CONNECTION_INFO("ConnectionInfo"),
  TEXT("String (the text)"),
  BYTES("byte[] (the payload)"),
  BYTE_BUFFER("ByteBuffer (the payload)"),
  FRAME_TYPE("FrameType"),
  FRAME("Frame"),
  DURATION("Duration (the round trip since the ping)"),
  DISCONNECT_REASON("DisconnectReason"),
  TIMEOUT("DisconnectReason.Timeout"),
  /** Any other class, record or interface, generic ones included: the text frame decoded from JSON. */
  JSON("any other class, record or interface, generic ones with concrete type arguments (the text frame decoded"
      + " from JSON)"),
  UNSUPPORTED("");

  final String description;

  ParamKind(String description) {
    this.description = description;
  }

  boolean isTextPayload() {
    return this == TEXT || this == JSON;
  }

  boolean isBinaryPayload() {
    return this == BYTES || this == BYTE_BUFFER;
  }

  static ParamKind of(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? BYTES : UNSUPPORTED;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return UNSUPPORTED;
    }
    String name = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    switch (name) {
      case RuntimeTypes.PACKAGE + ".Options":
        return OPTIONS;
      case RuntimeTypes.PACKAGE + ".Connection":
        return CONNECTION;
      case RuntimeTypes.PACKAGE + ".ConnectionInfo":
        return CONNECTION_INFO;
      case "java.lang.String":
        return TEXT;
      case "java.nio.ByteBuffer":
        return BYTE_BUFFER;
      case RuntimeTypes.PACKAGE + ".FrameType":
        return FRAME_TYPE;
      case RuntimeTypes.PACKAGE + ".Frame":
        return FRAME;
      case "java.time.Duration":
        return DURATION;
      case RuntimeTypes.PACKAGE + ".DisconnectReason":
        return DISCONNECT_REASON;
      case RuntimeTypes.PACKAGE + ".DisconnectReason.Timeout":
        return TIMEOUT;
      default:
        if (name.startsWith(RuntimeTypes.PACKAGE + ".") || name.startsWith("java.lang.")) {
          // Runtime types, boxed primitives and Object are not JSON messages.
          return UNSUPPORTED;
        }
        return JSON;
    }
  }
}
