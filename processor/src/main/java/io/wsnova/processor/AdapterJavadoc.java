package io.wsnova.processor;

import io.wsnova.processor.HandlerModel.CallbackMethod;
import io.wsnova.processor.HandlerModel.FrameRoute;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The Javadoc of a generated adapter: links back to the user's methods, what each route takes, and user
 * text made safe for a comment.
 */
final class AdapterJavadoc {
  private final Types types;
  private final String adapterPackage;

  AdapterJavadoc(Types types, String adapterPackage) {
    this.types = types;
    this.adapterPackage = adapterPackage;
  }

  static String describe(FrameRoute route) {
    switch (route.kind()) {
      case ALL:
        return "every text and binary message";
      case TEXT:
        return "text messages no other method takes";
      case BINARY:
        return "binary messages";
      case JSON_ALL:
        return "every text message, decoded from JSON" + decodes(route);
      default:
        return "JSON messages whose " + route.conditions().stream().map(c -> "<code>" + text(c.dotted())
            + "</code> " + (c.prefix() ? "starts with" : "is") + " <code>\"" + text(c.value()) + "\"</code>")
            .collect(Collectors.joining(" and ")) + decodes(route);
    }
  }

  private static String decodes(FrameRoute route) {
    return route.decodePath().isEmpty() ? ""
        : " (its <code>" + text(String.join(".", route.decodePath())) + "</code> decoded)";
  }


  /**
   * {@code Owner#name(Type, Type)} for a Javadoc link to the method where it is declared (a base class's,
   * for an inherited one). Types are spelt out, not imported: an import used only in Javadoc is an
   * "unused import" to Eclipse's compiler.
   */
  String link(CallbackMethod m) {
    ExecutableElement method = m.element();
    String params = method.getParameters().stream()
        .map(VariableElement::asType)
        .map(t -> name(types.erasure(t)))
        .collect(Collectors.joining(", "));
    return name(((TypeElement) method.getEnclosingElement()).asType()) + "#" + method.getSimpleName()
        + "(" + params + ")";
  }

  /** A type as Javadoc can resolve it from the adapter: nested name in its package and java.lang, else canonical. */
  private String name(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return name(((javax.lang.model.type.ArrayType) type).getComponentType()) + "[]";
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(Locale.ROOT) : type.toString();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String pkg = packageOf(element).getQualifiedName().toString();
    String nested = Signatures.nestedName(element);
    // Inside the adapter its nested Provider class hides a type of that name from the package.
    boolean hidden = nested.equals(AdapterWriter.PROVIDER) || nested.startsWith(AdapterWriter.PROVIDER + ".");
    if ((pkg.equals(adapterPackage) || pkg.equals("java.lang")) && !hidden) {
      return nested;
    }
    return element.getQualifiedName().toString();
  }

  private static PackageElement packageOf(TypeElement type) {
    javax.lang.model.element.Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  /**
   * {@code text} as Javadoc prose: every character that could end the comment ({@code *}{@code /}), start
   * a tag ({@code @}, braces), form markup ({@code <}, {@code &}) or a Unicode escape (backslash), and every
   * control character, as an HTML character reference.
   */
  static String text(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("*/@{}<>&\\".indexOf(c) >= 0 || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append("&#").append((int) c).append(';');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
