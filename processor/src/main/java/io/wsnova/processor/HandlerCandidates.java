package io.wsnova.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The classes of one round that are handlers, so that none is silently left without an adapter:
 * <ul>
 *   <li>every class that declares an annotated method or carries {@code @WebSocketClient};</li>
 *   <li>every concrete class that only inherits annotated methods (a subclass of a handler base);</li>
 *   <li>local and anonymous classes with annotated methods (they cannot have an adapter and get an
 *       error). javac's {@code getElementsAnnotatedWith} does not look into method bodies, so they are
 *       found in its syntax trees; Eclipse's compiler builds no local classes before annotation
 *       processing, so there the runtime's error at connect time is what users see.</li>
 * </ul>
 */
record HandlerCandidates(Set<TypeElement> named, Set<TypeElement> local) {

  static HandlerCandidates in(RoundEnvironment round, Set<? extends TypeElement> annotations,
      ProcessingEnvironment env) {
    Set<TypeElement> named = new LinkedHashSet<>();
    Set<TypeElement> local = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (CallbackKind.forAnnotation(name) == null && !name.equals(RuntimeTypes.WEB_SOCKET_CLIENT)) {
        continue; // @GeneratedAdapter and @Generated: claimed, but adapters are no handlers
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        TypeElement owner = e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement t ? t
            : e instanceof TypeElement t ? t : null;
        if (owner == null) {
          continue;
        }
        (isLocal(owner) ? local : named).add(owner);
      }
    }
    for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
      addSubclasses(root, named);
    }
    local.addAll(JavacLocalClasses.find(env, round.getRootElements()));
    return new HandlerCandidates(named, local);
  }

  private static boolean isLocal(TypeElement type) {
    return type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS;
  }

  /** Concrete classes, nested ones included, that inherit callbacks without declaring any. */
  private static void addSubclasses(TypeElement type, Set<TypeElement> into) {
    if (type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT)
        && InheritedCallbacks.inheritsCallbacks(type)) {
      into.add(type);
    }
    List<TypeElement> nested = new ArrayList<>(ElementFilter.typesIn(type.getEnclosedElements()));
    for (TypeElement n : nested) {
      addSubclasses(n, into);
    }
  }
}
