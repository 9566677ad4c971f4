package io.wsnova.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** The problems found in one handler class, printed once, each on the most precise element known. */
final class Report {
  private record Item(String text, Element element, AnnotationMirror annotation, AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();

  void error(Element element, Message message, Object... args) {
    items.add(new Item(message.format(args), element, null, null));
  }

  void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
    items.add(new Item(message.format(args), element, annotation, value));
  }

  boolean isClean() {
    return items.isEmpty();
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
}
