package io.wsnova.processor;

import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Type and method spellings for messages, built by hand: {@code toString()} of model objects differs
 * between javac and Eclipse's compiler, and messages must read the same on both.
 */
final class Signatures {
  private Signatures() {}

  static String of(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return of(((ArrayType) type).getComponentType()) + "[]";
    }
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      String name = nestedName((TypeElement) declared.asElement());
      if (declared.getTypeArguments().isEmpty()) {
        return name;
      }
      return name + declared.getTypeArguments().stream().map(Signatures::of).collect(Collectors.joining(", ", "<", ">"));
    }
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID) {
      return type.getKind().name().toLowerCase(java.util.Locale.ROOT);
    }
    return type.toString();
  }

  /** {@code name(Type, Type)}. */
  static String of(ExecutableElement method) {
    return method.getSimpleName() + method.getParameters().stream()
        .map(p -> of(p.asType()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code Outer.Inner} for a nested type, {@code Name} for a top-level one. */
  static String nestedName(TypeElement type) {
    StringBuilder sb = new StringBuilder(type.getSimpleName());
    for (javax.lang.model.element.Element e = type.getEnclosingElement();
        e instanceof TypeElement t; e = t.getEnclosingElement()) {
      sb.insert(0, t.getSimpleName() + ".");
    }
    return sb.toString();
  }
}
