package io.wsnova.processor;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What a callback method's declared return type gives, judged from the type alone. */
enum ReturnKind {
  VOID("void"),
  RESULT("Result"),
  OK("Result.Ok"),
  REPLY("Result.Reply"),
  CLOSE("Result.Close"),
  STOP("Result.Stop"),
  RECONNECT("Result.Reconnect"),
  TEXT("String"),
  BYTES("byte[]"),
  BYTE_BUFFER("ByteBuffer"),
  FRAME("Frame"),
  CONNECTION_INFO("ConnectionInfo"),
  URI("URI"),
  /** A {@code CompletionStage} (or {@code CompletableFuture}): on connect's readiness. */
  COMPLETION_STAGE("CompletionStage (ready when it completes)"),
  /** Any other type: only the status callback accepts one. */
  OTHER("any other type");

  final String spelling;

  ReturnKind(String spelling) {
    this.spelling = spelling;
  }

  static ReturnKind of(TypeMirror type) {
    if (type.getKind() == TypeKind.VOID) {
      return VOID;
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? BYTES : OTHER;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return OTHER;
    }
    String name = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    switch (name) {
      case RuntimeTypes.PACKAGE + ".Result":
        return RESULT;
      case RuntimeTypes.PACKAGE + ".Result.Ok":
        return OK;
      case RuntimeTypes.PACKAGE + ".Result.Reply":
        return REPLY;
      case RuntimeTypes.PACKAGE + ".Result.Close":
        return CLOSE;
      case RuntimeTypes.PACKAGE + ".Result.Stop":
        return STOP;
      case RuntimeTypes.PACKAGE + ".Result.Reconnect":
        return RECONNECT;
      case "java.lang.String":
        return TEXT;
      case "java.nio.ByteBuffer":
        return BYTE_BUFFER;
      case RuntimeTypes.PACKAGE + ".Frame":
        return FRAME;
      case RuntimeTypes.PACKAGE + ".ConnectionInfo":
        return CONNECTION_INFO;
      case "java.net.URI":
        return URI;
      case "java.util.concurrent.CompletionStage":
      case "java.util.concurrent.CompletableFuture":
        return COMPLETION_STAGE;
      default:
        return OTHER;
    }
  }

  /** Whether this is the narrow type of one {@code Result} record (the value needs no run-time check). */
  boolean isResultRecord() {
    return this == OK || this == REPLY || this == CLOSE || this == STOP;
  }
}
