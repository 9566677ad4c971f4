package io.wsnova.processor;

import com.google.auto.service.AutoService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The wsnova annotation processor: validates every handler class (a class that declares or inherits
 * callback annotations) and, for each valid one, writes its {@code <Name>ConnectionHandler} adapter.
 *
 * <p>Classes are remembered by name, not by element, because elements are not valid across rounds: a
 * class that uses a type another processor has not generated yet is deferred to the next round.
 * Nothing thrown here escapes {@link #process}: an unexpected exception becomes one short error on the
 * class (with the stack trace under {@code -Awsnova.debug=true}).
 */
@AutoService(Processor.class)
public final class WsnovaProcessor extends AbstractProcessor {
  static final String DEBUG_OPTION = "wsnova.debug";

  private final Set<String> deferred = new LinkedHashSet<>();
  /** Every class validated so far: a base class among them prints its own problems. */
  private final Set<String> validated = new LinkedHashSet<>();
  private AdapterFiles adapters;

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
  public Set<String> getSupportedOptions() {
    return Set.of(DEBUG_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Returns true: the wsnova annotations are this processor's alone, and claiming them keeps
   * {@code -Xlint:all -Werror} builds from failing on "No processor claimed any of these annotations".
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (adapters == null) {
      adapters = new AdapterFiles(processingEnv);
    }
    Map<String, TypeElement> classes = new LinkedHashMap<>();
    try {
      for (String name : deferred) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        if (type != null) {
          classes.put(name, type);
        }
      }
      deferred.clear();
      HandlerCandidates found = HandlerCandidates.in(round, annotations, processingEnv);
      found.named().forEach(type -> classes.putIfAbsent(type.getQualifiedName().toString(), type));
      HandlerValidator.Env env = new HandlerValidator.Env(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
          base -> validated.contains(base.getQualifiedName().toString())
              || classes.containsKey(base.getQualifiedName().toString()),
          round.processingOver());
      for (TypeElement local : found.local()) {
        process(local, env);
      }
      for (Map.Entry<String, TypeElement> c : classes.entrySet()) {
        validated.add(c.getKey());
        process(c.getValue(), env);
      }
    } catch (RuntimeException | Error e) {
      internalError(null, "this round", e); // finding the classes failed; never throw at the compiler
    }
    return true;
  }

  private void process(TypeElement type, HandlerValidator.Env env) {
    try {
      HandlerValidator.Outcome outcome = HandlerValidator.validate(type, env);
      if (outcome instanceof HandlerValidator.Deferred) {
        deferred.add(type.getQualifiedName().toString());
      } else if (outcome instanceof HandlerValidator.Base base) {
        base.report().printTo(processingEnv.getMessager());
      } else if (outcome instanceof HandlerValidator.Invalid invalid) {
        invalid.report().printTo(processingEnv.getMessager());
        if (!env.lastRound()) {
          adapters.writePlaceholder(type);
        }
      } else if (outcome instanceof HandlerValidator.Valid valid) {
        adapters.write(valid.model());
      }
    } catch (RuntimeException | Error e) {
      internalError(type, Signatures.nestedName(type), e);
    }
  }

  private void internalError(Element at, String what, Throwable e) {
    String trace = "";
    if (Boolean.parseBoolean(processingEnv.getOptions().get(DEBUG_OPTION))) {
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      trace = ":\n" + sw;
    }
    String text = Message.INTERNAL_ERROR.format(what, e.getClass().getSimpleName(), trace);
    if (at == null) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text);
    } else {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text, at);
    }
  }
}
