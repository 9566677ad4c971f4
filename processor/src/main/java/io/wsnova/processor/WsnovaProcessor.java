package io.wsnova.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
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
  private final ModuleRegistration modules = new ModuleRegistration();

  /**
   * Every annotation ({@code "*"}): javac calls a processor only for rounds that hold an annotation it
   * supports, and a handler may hold none of ours: a subclass that only inherits callbacks from a library
   * base, or a file whose only annotations sit in local classes (which get an error).
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
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
   * Claims the round's annotations when all of them are wsnova's (the callback annotations,
   * {@code @WebSocketClient}, and the adapters' {@code @GeneratedAdapter} and {@code @Generated}), so
   * that {@code -Xlint:all -Werror} builds do not fail on "No processor claimed any of these
   * annotations"; never when another library's annotation is among them, which this processor must
   * not take from that library's processor. The cost: a processor that supports {@code "*"} and runs
   * after this one is not called for a round that holds nothing but wsnova's annotations.
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
      if (round.processingOver()) {
        modules.check(processingEnv);
        adapters.writeRegistry();
      }
    } catch (IOException e) {
      // Not fatal: the runtime then finds the adapters by name, which works on the class path.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
          Message.REGISTRY_NOT_WRITTEN.format(ServiceRegistry.PATH, e.getMessage()));
    } catch (RuntimeException | Error e) {
      internalError(null, "this round", e); // finding the classes failed; never throw at the compiler
    }
    return annotations.stream().allMatch(a -> isOurs(a.getQualifiedName().toString()));
  }

  /** Ours, or the language's own ({@code @Override}...), which javac never warns about and no library owns. */
  private static boolean isOurs(String annotation) {
    if (annotation.startsWith("java.lang.")) {
      return true;
    }
    return CallbackKind.forAnnotation(annotation) != null || annotation.equals(RuntimeTypes.WEB_SOCKET_CLIENT)
        || annotation.equals(AdapterWriter.GENERATED_ADAPTER.canonicalName())
        || annotation.equals("javax.annotation.processing.Generated");
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
        modules.add(valid.model(), processingEnv);
        adapters.write(valid.model());
      }
    } catch (RuntimeException | Error e) {
      internalError(type, Signatures.nestedName(type), e);
    }
  }

  private void internalError(Element at, String what, Throwable e) {
    String text = internalErrorText(what, e, Boolean.parseBoolean(processingEnv.getOptions().get(DEBUG_OPTION)));
    if (at == null) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text);
    } else {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text, at);
    }
  }

  /** One short line naming the class; the stack trace only when {@code -Awsnova.debug=true} asks for it. */
  static String internalErrorText(String what, Throwable e, boolean debug) {
    String trace = "";
    if (debug) {
      // Rendered into the compiler's error message: the processor's only channel to the user (no logging).
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      trace = ":\n" + sw;
    }
    return Message.INTERNAL_ERROR.format(what, e.getClass().getSimpleName(), trace);
  }
}
