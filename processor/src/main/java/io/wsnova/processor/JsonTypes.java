package io.wsnova.processor;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** The rule for JSON parameter types: generic ones are fine, as long as every type argument is concrete. */
final class JsonTypes {
  private JsonTypes() {}

  /** What makes {@code type} not concrete ("a type variable T", "a wildcard ?"), or {@code null} when it is. */
  static String notConcrete(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
        return "a type variable (" + type + ")";
      case WILDCARD:
        return "a wildcard (?)";
      case ARRAY:
        return notConcrete(((ArrayType) type).getComponentType());
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().isEmpty()
            && !((javax.lang.model.element.TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
          return "a raw type (" + Signatures.of(type) + " without type arguments)";
        }
        for (TypeMirror arg : declared.getTypeArguments()) {
          String why = notConcrete(arg);
          if (why != null) {
            return why;
          }
        }
        return null;
      default:
        return null;
    }
  }
}
