package io.wsnova.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes adapters, and decides what an adapter name that is already taken means. IDEs and incremental
 * builds recompile one handler while the previous output is visible (on the class path, on the source
 * path, or passed in again); an adapter marked {@code @GeneratedAdapter} for this very handler is that
 * previous output, not a clash:
 * <ul>
 *   <li>with the same digest it is exactly what would be written: nothing is written again;</li>
 *   <li>with another digest it is out of date and is written anew. javac allows that unless it was given
 *       the old file as input; Eclipse's batch compiler refuses to create any type it can already see.
 *       Where the compiler refuses, one error says which file to delete;</li>
 *   <li>unmarked, or marked for another handler ({@code Outer.Feed} and {@code Outer_Feed} both map to
 *       {@code Outer_FeedConnectionHandler}), it is a clash and an error on the handler.</li>
 * </ul>
 */
final class AdapterFiles {
  private final ProcessingEnvironment env;
  private final boolean generatedAnnotation;
  /** Adapter name to the handler it was written (or found up to date) for, in this compilation. */
  private final Map<String, String> written = new HashMap<>();
  private final ServiceRegistry registry = new ServiceRegistry();

  AdapterFiles(ProcessingEnvironment env) {
    this.env = env;
    this.generatedAnnotation = env.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
  }

  void write(HandlerModel model) {
    TypeElement type = model.type();
    String adapter = model.adapterClass().canonicalName();
    String handler = model.userClass().canonicalName();
    if (!claim(type, adapter, handler)) {
      return;
    }
    AdapterWriter writer = new AdapterWriter(model, generatedAnnotation, env.getTypeUtils());
    JavaFile file = writer.write();
    TypeElement existing = env.getElementUtils().getTypeElement(adapter);
    if (existing != null) {
      Marker marker = Marker.of(existing);
      if (marker == null) {
        error(type, Message.ADAPTER_NAME_TAKEN.format(Signatures.nestedName(type), adapter));
        return;
      }
      if (!marker.handler.equals(handler)) {
        error(type, Message.ADAPTER_NAME_COLLISION.format(Signatures.nestedName(type), adapter, marker.handler));
        return;
      }
      if (marker.digest.equals(writer.digest())) {
        written.put(adapter, handler);
        registry.register(adapter, type);
        return; // the previous output is this output
      }
    }
    try {
      file.writeTo(env.getFiler());
      written.put(adapter, handler);
      registry.register(adapter, type);
    } catch (FilerException e) {
      if (existing == null) {
        throw new UncheckedIOException(e);
      }
      error(type, Message.ADAPTER_STALE.format(adapter, Signatures.nestedName(type), Signatures.nestedName(existing)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For a handler with errors: a placeholder under the adapter's name, when the name is free, so that
   * references to the adapter add no errors of their own (see {@link AdapterWriter#placeholder}).
   */
  void writePlaceholder(TypeElement type) {
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS
        || !(type.getKind().isClass())) {
      return;
    }
    ClassName name = HandlerValidator.adapterName(type);
    String adapter = name.canonicalName();
    registry.withdraw(adapter);
    if (written.containsKey(adapter) || env.getElementUtils().getTypeElement(adapter) != null) {
      return;
    }
    try {
      AdapterWriter.placeholder(type, name).writeTo(env.getFiler());
      written.put(adapter, type.getQualifiedName().toString());
    } catch (IOException e) {
      // The placeholder only spares follow-on errors; the real errors are printed already.
    }
  }

  /** Lists the adapters for {@code ServiceLoader}: once, when the last round is over. */
  void writeRegistry() throws IOException {
    registry.writeTo(env.getFiler());
  }

  /** False (after an error) when another handler of this compilation has this adapter name. */
  private boolean claim(TypeElement type, String adapter, String handler) {
    String owner = written.get(adapter);
    if (owner == null) {
      return true;
    }
    if (!owner.equals(handler)) {
      error(type, Message.ADAPTER_NAME_COLLISION.format(Signatures.nestedName(type), adapter, owner));
    }
    return false; // written in an earlier round, or taken
  }

  private void error(TypeElement type, String text) {
    env.getMessager().printMessage(Diagnostic.Kind.ERROR, text, type);
  }

  /** What {@code @GeneratedAdapter} says on an existing type. */
  private record Marker(String handler, String digest) {
    static Marker of(TypeElement type) {
      for (AnnotationMirror a : type.getAnnotationMirrors()) {
        TypeElement annotation = (TypeElement) a.getAnnotationType().asElement();
        if (!annotation.getQualifiedName().contentEquals(AdapterWriter.GENERATED_ADAPTER.canonicalName())) {
          continue;
        }
        String handler = null;
        String digest = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : a.getElementValues().entrySet()) {
          Object v = e.getValue().getValue();
          if (e.getKey().getSimpleName().contentEquals("handler") && v instanceof String s) {
            handler = s;
          } else if (e.getKey().getSimpleName().contentEquals("digest") && v instanceof String s) {
            digest = s;
          }
        }
        return handler == null || digest == null ? null : new Marker(handler, digest);
      }
      return null;
    }
  }
}
