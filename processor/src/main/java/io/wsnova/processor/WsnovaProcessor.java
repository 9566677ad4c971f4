package io.wsnova.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The wsnova annotation processor: validates every class that carries callback annotations and, for each
 * valid one, writes its {@code <Name>ConnectionHandler} adapter.
 *
 * <p>Classes are remembered by name, not by element, because elements are not valid across rounds: a
 * class that uses a type another processor has not generated yet is deferred to the next round.
 * Nothing thrown here escapes {@link #process}: an unexpected exception becomes one error on the class.
 */
@AutoService(Processor.class)
public final class WsnovaProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();
  /** Adapters this processor wrote, so that a later round neither writes one again nor mistakes it for a clash. */
  private final Set<String> generatedHere = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (CallbackKind kind : CallbackKind.values()) {
      names.add(kind.annotationName());
    }
    names.add(RuntimeTypes.WEB_SOCKET_CLIENT);
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<String> classes = new LinkedHashSet<>(deferred);
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement owner) {
          classes.add(owner.getQualifiedName().toString());
        } else if (e instanceof TypeElement type) {
          classes.add(type.getQualifiedName().toString());
        }
      }
    }
    for (String name : classes) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        processClass(name, type, round.processingOver());
      }
    }
    return false;
  }

  private void processClass(String name, TypeElement type, boolean lastRound) {
    try {
      HandlerValidator.Outcome outcome = HandlerValidator.validate(type);
      if (outcome instanceof HandlerValidator.Deferred) {
        // On the last round the compiler itself reports the missing type; a second error would be noise.
        if (!lastRound) {
          deferred.add(name);
        }
      } else if (outcome instanceof HandlerValidator.Invalid invalid) {
        invalid.report().printTo(processingEnv.getMessager());
      } else if (outcome instanceof HandlerValidator.Valid valid) {
        String adapterName = valid.model().adapterClass().canonicalName();
        if (processingEnv.getElementUtils().getTypeElement(adapterName) != null && !generatedHere.contains(adapterName)) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.ADAPTER_NAME_TAKEN.format(Signatures.nestedName(type), adapterName), type);
          return;
        }
        if (!generatedHere.add(adapterName)) {
          return; // written in an earlier round
        }
        boolean generated = processingEnv.getElementUtils()
            .getTypeElement("javax.annotation.processing.Generated") != null;
        new AdapterWriter(valid.model(), generated).write().writeTo(processingEnv.getFiler());
      }
    } catch (IOException | RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format(name, trace), type);
    }
  }
}
