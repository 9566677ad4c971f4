package io.wsnova.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Types the compiler could not find, anywhere in a signature: another processor may generate them in a
 * later round, and if none does, the compiler's own "cannot find symbol" is the one error to show.
 */
final class MissingTypes {
  private MissingTypes() {}

  static boolean inAny(List<ExecutableElement> methods) {
    for (ExecutableElement m : methods) {
      if (in(m.getReturnType())) {
        return true;
      }
      for (VariableElement p : m.getParameters()) {
        if (in(p.asType())) {
          return true;
        }
      }
      for (AnnotationMirror a : m.getAnnotationMirrors()) {
        if (inAnnotation(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code type} is missing, or an array of, or generic over, a missing type. */
  static boolean in(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case ARRAY:
        return in(((ArrayType) type).getComponentType());
      case DECLARED:
        for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
          if (in(arg)) {
            return true;
          }
        }
        return false;
      case WILDCARD:
        WildcardType w = (WildcardType) type;
        return (w.getExtendsBound() != null && in(w.getExtendsBound()))
            || (w.getSuperBound() != null && in(w.getSuperBound()));
      default:
        return false;
    }
  }

  /** Whether an attribute of the annotation refers to a missing type (e.g. {@code uri = Config.URI}). */
  static boolean inAnnotation(AnnotationMirror annotation) {
    if (annotation == null) {
      return false;
    }
    if (annotation.getAnnotationType().getKind() == TypeKind.ERROR) {
      return true;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
      if (isErroneous(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the compiler could not resolve this attribute value. */
  static boolean isErroneous(AnnotationValue value) {
    Object v;
    try {
      v = value == null ? null : value.getValue();
    } catch (RuntimeException unreadable) {
      return true; // Eclipse's compiler throws for some values it could not resolve
    }
    if (v instanceof TypeMirror t) {
      return in(t);
    }
    if (v instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof AnnotationValue av && isErroneous(av)) {
          return true;
        }
      }
      return false;
    }
    // javac spells an attribute it could not resolve as "<error>"; ECJ leaves no value or a null one.
    return v == null || "<error>".equals(v.toString());
  }
}
