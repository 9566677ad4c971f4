package io.wsnova.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The problems found in one handler class, printed once, each on the most precise element known.
 *
 * <p>A problem in a method the handler inherits is reported where the user can see it: on the method
 * itself when its class is validated in this compilation too (then the subclass adds nothing, so a
 * mistake gets one error, not one per subclass), and otherwise (a base class from a library) on the
 * handler class, naming the base.
 */
final class Report {
  private record Item(String text, Element element, AnnotationMirror annotation, AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();
  private final TypeElement handler;
  private final Predicate<TypeElement> validatedOnItsOwn;
  /** Problems that another class's report prints: this class is invalid, but says nothing of them. */
  private boolean reportedElsewhere;

  /** A report for {@code handler}; {@code validatedOnItsOwn} tells which base classes print their own problems. */
  Report(TypeElement handler, Predicate<TypeElement> validatedOnItsOwn) {
    this.handler = handler;
    this.validatedOnItsOwn = validatedOnItsOwn;
  }

  void error(Element element, Message message, Object... args) {
    error(element, null, null, message, args);
  }

  void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
    String text = message.format(args);
    TypeElement declaring = declaringType(element);
    if (declaring == null || declaring.equals(handler)) {
      items.add(new Item(text, element, annotation, value));
    } else if (validatedOnItsOwn.test(declaring)) {
      reportedElsewhere = true;
    } else {
      items.add(new Item(Message.INHERITED.format(Signatures.nestedName(handler), Signatures.nestedName(declaring),
          text), handler, null, null));
    }
  }

  /**
   * A problem of this handler rather than of the method itself (a base method its adapter cannot reach,
   * two callbacks of one kind across the hierarchy): never left to the base's own report. It goes on
   * the element where that is in this compilation, else on the handler.
   */
  void handlerError(Element element, Message message, Object... args) {
    String text = message.format(args);
    TypeElement declaring = declaringType(element);
    if (declaring == null || declaring.equals(handler) || validatedOnItsOwn.test(declaring)) {
      items.add(new Item(text, element, null, null));
    } else {
      items.add(new Item(Message.INHERITED.format(Signatures.nestedName(handler), Signatures.nestedName(declaring),
          text), handler, null, null));
    }
  }

  /**
   * A problem between two methods: the base's own report has it when both sit in one base class, else it
   * is this handler's (see {@link #handlerError}).
   */
  void pairError(Element element, Element other, Message message, Object... args) {
    TypeElement declaring = declaringType(element);
    if (declaring != null && declaring.equals(declaringType(other))) {
      error(element, message, args);
    } else {
      handlerError(element, message, args);
    }
  }

  boolean isClean() {
    return items.isEmpty() && !reportedElsewhere;
  }

  void printTo(Messager messager) {
    for (Item item : items) {
      if (item.value != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.text, item.element, item.annotation, item.value);
      } else if (item.annotation != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.text, item.element, item.annotation);
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, item.text, item.element);
      }
    }
  }

  /** The class that declares {@code element}: itself for a class, the method's class for a parameter. */
  private static TypeElement declaringType(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement t) {
        return t;
      }
    }
    return null;
  }
}
