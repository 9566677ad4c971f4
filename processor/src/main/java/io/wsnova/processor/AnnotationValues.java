package io.wsnova.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether every attribute of an annotation has a value of its declared type. A malformed one
 * ({@code @OnFrame(value = 42)}, {@code pingIntervalMillis = "15s"}) is the compiler's error to report;
 * the processor then stays silent rather than casting what it cannot read.
 */
final class AnnotationValues {
  private AnnotationValues() {}

  static boolean wellFormed(AnnotationMirror annotation) {
    try {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
          : annotation.getElementValues().entrySet()) {
        if (e.getValue() == null || !fits(e.getKey().getReturnType(), e.getValue().getValue(), true)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException unreadable) {
      return false; // Eclipse's compiler throws (ShouldNotImplement) for some values it could not convert
    }
  }

  private static boolean fits(TypeMirror type, Object value, boolean arrayAllowsSingle) {
    if (value == null) {
      return false;
    }
    switch (type.getKind()) {
      case LONG:
        return value instanceof Long;
      case INT:
        return value instanceof Integer;
      case BOOLEAN:
        return value instanceof Boolean;
      case ARRAY:
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (value instanceof List<?> list) {
          for (Object item : list) {
            if (!(item instanceof AnnotationValue av) || !fits(component, av.getValue(), false)) {
              return false;
            }
          }
          return true;
        }
        return arrayAllowsSingle && fits(component, value, false);
      case DECLARED:
        return type.toString().equals("java.lang.String") ? value instanceof String : type.getKind() != TypeKind.ERROR;
      default:
        return true;
    }
  }
}
