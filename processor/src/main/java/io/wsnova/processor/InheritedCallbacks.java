package io.wsnova.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The annotated methods a handler class declares or inherits from its superclasses, and the rules for
 * overriding them:
 * <ul>
 *   <li>an annotated method of a superclass is a callback of every subclass;</li>
 *   <li>an override must repeat the annotation: it then replaces the overridden callback, with its own
 *       route and signature;</li>
 *   <li>except where it implements an abstract annotated method: the abstract declaration says what the
 *       callback is, and the implementation need not repeat it;</li>
 *   <li>an override without it, or with another callback annotation, is an error: either reading (still a
 *       callback, or no longer one) would surprise somebody.</li>
 * </ul>
 * Interfaces contribute nothing: callback annotations on interface methods are an error of their own.
 */
final class InheritedCallbacks {
  private InheritedCallbacks() {}

  /** The handler's callback methods: the topmost superclass's first, each class's in source order. */
  static List<ExecutableElement> of(TypeElement type, Elements elements, Report report) {
    List<List<ExecutableElement>> perClass = new ArrayList<>();
    Map<String, List<ExecutableElement>> derived = new HashMap<>(); // methods of subclasses, by name
    Set<ExecutableElement> rejected = new HashSet<>(); // overrides already in error: checked no further
    for (TypeElement c = type; c != null; c = superclass(c)) {
      List<ExecutableElement> annotated = new ArrayList<>();
      List<ExecutableElement> declared = ElementFilter.methodsIn(c.getEnclosedElements());
      for (ExecutableElement m : declared) {
        ExecutableElement override = overrider(m, derived, type, elements);
        if (override != null) {
          if (implementsAbstractCallback(override, m)) {
            annotated.add(m); // the adapter's call reaches the implementation; the annotation is here
          } else if (!checkOverride(override, m, c, report)) {
            rejected.add(override);
          }
        } else if (!HandlerValidator.callbacksOn(m).isEmpty()) {
          annotated.add(m);
        }
      }
      for (ExecutableElement m : declared) {
        derived.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
      }
      perClass.add(annotated);
    }
    Collections.reverse(perClass);
    List<ExecutableElement> all = new ArrayList<>();
    perClass.forEach(all::addAll);
    all.removeAll(rejected);
    return all;
  }

  /** Whether {@code type} inherits an annotated method from a superclass. */
  static boolean inheritsCallbacks(TypeElement type) {
    for (TypeElement c = superclass(type); c != null; c = superclass(c)) {
      for (ExecutableElement m : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (!HandlerValidator.callbacksOn(m).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static ExecutableElement overrider(ExecutableElement m, Map<String, List<ExecutableElement>> derived,
      TypeElement type, Elements elements) {
    for (ExecutableElement candidate : derived.getOrDefault(m.getSimpleName().toString(), List.of())) {
      if (elements.overrides(candidate, m, type)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean implementsAbstractCallback(ExecutableElement override, ExecutableElement base) {
    return base.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)
        && HandlerValidator.callbacksOn(override).isEmpty() && !HandlerValidator.callbacksOn(base).isEmpty();
  }

  /** False, after an error, when the override breaks the rules. */
  private static boolean checkOverride(ExecutableElement override, ExecutableElement base, TypeElement baseClass,
      Report report) {
    List<CallbackKind> baseKinds = HandlerValidator.callbacksOn(base);
    if (baseKinds.isEmpty()) {
      return true;
    }
    List<CallbackKind> kinds = HandlerValidator.callbacksOn(override);
    String name = baseKinds.get(0).simpleName;
    if (kinds.isEmpty()) {
      report.error(override, Message.OVERRIDE_DROPS_CALLBACK, Signatures.of(override), name, Signatures.of(base),
          Signatures.nestedName(baseClass), name, name);
      return false;
    }
    if (!kinds.contains(baseKinds.get(0))) {
      report.error(override, Message.OVERRIDE_CHANGES_CALLBACK, Signatures.of(override), name, Signatures.of(base),
          Signatures.nestedName(baseClass), kinds.get(0).simpleName, name);
      return false;
    }
    return true;
  }

  /** The superclass of {@code type}, or {@code null} at {@code Object} (or where it is missing). */
  static TypeElement superclass(TypeElement type) {
    TypeMirror s = type.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement e = (TypeElement) ((DeclaredType) s).asElement();
    return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
  }
}
