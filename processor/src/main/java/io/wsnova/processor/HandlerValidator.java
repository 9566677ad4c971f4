package io.wsnova.processor;

import com.palantir.javapoet.ClassName;
import io.wsnova.processor.HandlerModel.CallbackMethod;
import io.wsnova.processor.HandlerModel.ClientDefaults;
import io.wsnova.processor.HandlerModel.FrameRoute;
import io.wsnova.processor.HandlerModel.Param;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.util.function.Predicate;

/**
 * Validates one handler class into a {@link Report}, and builds its {@link HandlerModel} when the report
 * is clean. Every check runs, so one compile shows every mistake; each problem is reported once, on the
 * most precise element.
 */
final class HandlerValidator {
  /** The outcome for one class. */
  sealed interface Outcome {}

  /** Valid: generate this. */
  record Valid(HandlerModel model) implements Outcome {}

  /** Invalid: print this report, generate nothing. */
  record Invalid(Report report) implements Outcome {}

  /** An abstract base class: print this report (its own methods' mistakes), generate nothing. */
  record Base(Report report) implements Outcome {}

  /** A type it uses does not exist yet (another processor may generate it): ask again next round. */
  record Deferred() implements Outcome {}

  /** The compiler reports what is wrong (a malformed annotation value): say nothing, generate nothing. */
  record LeftToCompiler() implements Outcome {}

  /** What validation needs from the compilation. */
  record Env(Elements elements, Types types, Predicate<TypeElement> validatedOnItsOwn, boolean lastRound) {}

  private HandlerValidator() {}

  static Outcome validate(TypeElement type, Env env) {
    Report report = new Report(type, env.validatedOnItsOwn());
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      reportLocal(type, report);
      return new Invalid(report);
    }
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      report.error(type, Message.CLASS_NOT_A_CLASS, article(type.getKind()), Signatures.nestedName(type),
          type.getKind() == ElementKind.INTERFACE ? "Move them to a class that implements it"
              : "Move them to a class of their own");
      return new Invalid(report); // the one error says it all
    }
    List<ExecutableElement> annotated = InheritedCallbacks.of(type, env.elements(), report);
    // Malformed attribute values first: reading them is what can fail (Eclipse's compiler throws).
    AnnotationMirror client = mirror(type, RuntimeTypes.WEB_SOCKET_CLIENT);
    if (client != null && !AnnotationValues.wellFormed(client)) {
      return new LeftToCompiler();
    }
    for (ExecutableElement m : annotated) {
      for (AnnotationMirror a : m.getAnnotationMirrors()) {
        if (CallbackKind.forAnnotation(qualifiedName(a)) != null && !AnnotationValues.wellFormed(a)) {
          return new LeftToCompiler();
        }
      }
    }
    boolean missing = MissingTypes.inAny(annotated) || MissingTypes.inAnnotation(client);
    if (missing && !env.lastRound()) {
      return new Deferred();
    }

    boolean base = type.getModifiers().contains(Modifier.ABSTRACT);
    checkClass(type, base, report);
    Map<CallbackKind, CallbackMethod> single = new EnumMap<>(CallbackKind.class);
    List<CallbackMethod> frameMethods = new ArrayList<>();
    for (ExecutableElement method : annotated) {
      CallbackMethod m = checkMethod(type, method, env, report);
      if (m == null) {
        continue;
      }
      if (m.kind().allowsSeveralMethods()) {
        frameMethods.add(m);
      } else if (single.containsKey(m.kind())) {
        report.pairError(method, single.get(m.kind()).element(), Message.DUPLICATE_CALLBACK, m.kind().simpleName,
            Signatures.of(single.get(m.kind()).element()), Signatures.of(method));
      } else {
        single.put(m.kind(), m);
      }
    }
    FrameRoutes.check(frameMethods, report);
    Optional<ClientDefaults> defaults = clientDefaults(type, report);

    if (base) {
      return new Base(report);
    }
    if (missing) {
      // The last round, and a type is still missing: the compiler reports it; the report says the rest.
      return new Invalid(report);
    }
    if (!report.isClean()) {
      return new Invalid(report);
    }
    ClassName user = ClassName.get(type);
    return new Valid(new HandlerModel(type, user, adapterName(type), single, frameMethods, defaults));
  }

  /** {@code pkg.Outer_InnerConnectionHandler} for {@code pkg.Outer.Inner}. */
  static ClassName adapterName(TypeElement type) {
    ClassName user = ClassName.get(type);
    return ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + "ConnectionHandler");
  }

  /** The callback annotations on {@code method}, in source order. */
  static List<CallbackKind> callbacksOn(Element method) {
    List<CallbackKind> kinds = new ArrayList<>();
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      CallbackKind kind = CallbackKind.forAnnotation(qualifiedName(a));
      if (kind != null) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** One error for a local or anonymous class, on its first annotated method (or on the class). */
  static void reportLocal(TypeElement type, Report report) {
    String kind = type.getNestingKind() == NestingKind.LOCAL ? "a local" : "an anonymous";
    String name = type.getNestingKind() == NestingKind.LOCAL ? type.getSimpleName().toString() : "this";
    Element at = type;
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!callbacksOn(m).isEmpty()) {
        at = m;
        break;
      }
    }
    report.error(at, Message.CLASS_LOCAL, name, kind);
  }

  private static String article(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /** Reports what is wrong with the class itself. */
  private static void checkClass(TypeElement type, boolean base, Report report) {
    String name = Signatures.nestedName(type);
    String adapter = adapterName(type).simpleName();
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(type, Message.CLASS_PRIVATE, adapter, name);
    } else {
      for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = outer.getEnclosingElement()) {
        if (outer.getModifiers().contains(Modifier.PRIVATE)) {
          report.error(type, Message.CLASS_ENCLOSED_BY_PRIVATE, name, Signatures.nestedName(outer),
              Signatures.nestedName(outer));
          break;
        }
      }
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS && type.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      report.error(type, Message.CLASS_INNER, name);
    }
    if (!base && !type.getTypeParameters().isEmpty()) { // a generic base is fine: subclasses choose
      report.error(type, Message.CLASS_GENERIC, name, name);
    }
  }

  /** Checks one annotated method; returns its model, or {@code null} when it cannot have one. */
  private static CallbackMethod checkMethod(TypeElement type, ExecutableElement method, Env env, Report report) {
    List<CallbackKind> kinds = callbacksOn(method);
    String signature = Signatures.of(method);
    if (kinds.size() > 1) {
      report.error(method, Message.TWO_CALLBACKS, signature, kinds.get(0).simpleName, kinds.get(1).simpleName);
      return null;
    }
    CallbackKind kind = kinds.get(0);
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(method, Message.METHOD_PRIVATE, kind.simpleName, signature);
      ok = false;
    } else if (!accessibleFromAdapter(type, method, env)) {
      TypeElement declaring = (TypeElement) method.getEnclosingElement();
      report.handlerError(method, Message.METHOD_NOT_ACCESSIBLE, kind.simpleName, signature,
          method.getModifiers().contains(Modifier.PROTECTED) ? "protected" : "package-private",
          Signatures.nestedName(declaring), Signatures.nestedName(type));
      ok = false;
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.error(method, Message.METHOD_STATIC, kind.simpleName, signature);
      ok = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      // One error: its type variables would also make every parameter that uses them "unsupported".
      report.error(method, Message.METHOD_GENERIC, kind.simpleName, signature);
      return null;
    }
    // As a member of the handler: a base class's type variables become the subclass's type arguments.
    ExecutableType member = (ExecutableType) env.types().asMemberOf((DeclaredType) type.asType(), method);
    boolean base = type.getModifiers().contains(Modifier.ABSTRACT);
    List<Param> params = checkParams(kind, method, member, base, report);
    ReturnKind returns = checkReturn(kind, method, member.getReturnType(), report);
    if (!ok || params == null || returns == null) {
      return null;
    }
    FrameRoute route = kind == CallbackKind.ON_FRAME ? FrameRouteReader.read(method, params, report) : null;
    if (kind == CallbackKind.ON_FRAME && route == null) {
      return null;
    }
    return new CallbackMethod(kind, method, params, returns, route, throwsBeyondException(method, env));
  }

  /**
   * Whether the adapter, in the handler's package, may call {@code method}: any non-private method of
   * the handler's own package, and only public ones of a superclass elsewhere (protected would do for a
   * subclass, but the adapter is none).
   */
  private static boolean accessibleFromAdapter(TypeElement type, ExecutableElement method, Env env) {
    if (method.getModifiers().contains(Modifier.PUBLIC)) {
      return true;
    }
    return env.elements().getPackageOf(method).equals(env.elements().getPackageOf(type));
  }

  /** Whether the method declares a checked {@code Throwable} that is no {@code Exception}, such as Throwable itself. */
  private static boolean throwsBeyondException(ExecutableElement method, Env env) {
    TypeMirror exception = env.elements().getTypeElement("java.lang.Exception").asType();
    TypeMirror error = env.elements().getTypeElement("java.lang.Error").asType();
    for (TypeMirror t : method.getThrownTypes()) {
      if (!env.types().isAssignable(t, exception) && !env.types().isAssignable(t, error)) {
        return true;
      }
    }
    return false;
  }

  private static List<Param> checkParams(CallbackKind kind, ExecutableElement method, ExecutableType member,
      boolean base, Report report) {
    List<Param> params = new ArrayList<>();
    boolean ok = true;
    VariableElement text = null;
    VariableElement binary = null;
    VariableElement json = null;
    List<? extends VariableElement> declared = method.getParameters();
    for (int i = 0; i < declared.size(); i++) {
      VariableElement p = declared.get(i);
      TypeMirror type = member.getParameterTypes().get(i);
      if (MissingTypes.in(type)) {
        ok = false; // the last round, and still missing: the compiler's error is the one to read
        continue;
      }
      if (type.getKind() == javax.lang.model.type.TypeKind.TYPEVAR && base && json == null) {
        // A generic base: the JSON type is the subclass's type argument, checked in the subclass.
        json = p;
        text = p;
        params.add(new Param(ParamKind.JSON, type));
        continue;
      }
      ParamKind pk = ParamKind.of(type);
      if (!kind.params.contains(pk)) {
        report.error(p, Message.PARAM_UNSUPPORTED, kind.simpleName, Signatures.of(type), kind.describeParams());
        ok = false;
        continue;
      }
      String notConcrete = pk == ParamKind.JSON ? JsonTypes.notConcrete(type) : null;
      if (notConcrete != null) {
        report.error(p, Message.PARAM_JSON_NOT_CONCRETE, kind.simpleName, p.getSimpleName(), Signatures.of(type),
            notConcrete);
        ok = false;
        continue;
      }
      if (pk == ParamKind.JSON && json != null) {
        report.error(p, Message.PARAM_SECOND_JSON, p.getSimpleName(), Signatures.of(type));
        ok = false;
        continue;
      }
      if (pk != ParamKind.JSON && params.stream().anyMatch(q -> q.kind() == pk)) {
        report.error(p, Message.PARAM_REPEATED, kind.simpleName, p.getSimpleName(), pk.description);
        ok = false;
        continue;
      }
      if (pk.isBinaryPayload() && binary != null) {
        report.error(p, Message.PARAM_REPEATED, kind.simpleName, p.getSimpleName(), "the payload, which '"
            + binary.getSimpleName() + "' already takes");
        ok = false;
        continue;
      }
      boolean payloadCallback = kind == CallbackKind.ON_FRAME || kind == CallbackKind.PREPARE_FRAME;
      if (payloadCallback && ((pk.isTextPayload() && binary != null) || (pk.isBinaryPayload() && text != null))) {
        report.error(p, Message.PARAM_MIXED_PAYLOAD, kind.simpleName, p.getSimpleName());
        ok = false;
        continue;
      }
      if (pk.isTextPayload()) {
        text = p;
      }
      if (pk.isBinaryPayload()) {
        binary = p;
      }
      if (pk == ParamKind.JSON) {
        json = p;
      }
      params.add(new Param(pk, type));
    }
    return ok ? params : null;
  }

  private static ReturnKind checkReturn(CallbackKind kind, ExecutableElement method, TypeMirror type, Report report) {
    if (MissingTypes.in(type)) {
      return null; // the compiler reports it
    }
    ReturnKind rk = ReturnKind.of(type);
    if (rk == ReturnKind.RECONNECT) {
      String instead = kind == CallbackKind.STATUS ? "any other value (a record, a String, a Map...)"
          : kind.returns.contains(ReturnKind.CLOSE) ? "Result.close(code, reason) or Result.stop()"
          : kind.returns.contains(ReturnKind.STOP) ? "Result.ok() or Result.stop()" : kind.describeReturns();
      report.error(method, Message.RETURN_RECONNECT, kind.simpleName, instead);
      return null;
    }
    if (!kind.returns.contains(rk)) {
      report.error(method, Message.RETURN_UNSUPPORTED, kind.simpleName, Signatures.of(type), kind.describeReturns());
      return null;
    }
    return rk;
  }

  private static Optional<ClientDefaults> clientDefaults(TypeElement type, Report report) {
    AnnotationMirror client = mirror(type, RuntimeTypes.WEB_SOCKET_CLIENT);
    if (client == null) {
      return Optional.empty();
    }
    AnnotationValue uriValue = explicitValue(client, "uri");
    if (MissingTypes.inAnnotation(client)) {
      return Optional.empty(); // the compiler reports what it could not resolve; the values mean nothing
    }
    String uri = uriValue == null ? "" : (String) uriValue.getValue();
    if (!uri.isEmpty() && !isWebSocketUri(uri)) {
      report.error(type, client, uriValue, Message.URI_INVALID, uri);
    }
    AnnotationValue protocolsValue = explicitValue(client, "subprotocols");
    List<String> protocols = new ArrayList<>();
    if (protocolsValue != null) {
      Object v = protocolsValue.getValue();
      if (v instanceof List<?> list) {
        for (Object item : list) {
          protocols.add((String) ((AnnotationValue) item).getValue());
        }
      } else {
        protocols.add((String) v);
      }
    }
    AnnotationValue pingValue = explicitValue(client, "pingIntervalMillis");
    long ping = pingValue == null ? 0 : ((Number) pingValue.getValue()).longValue();
    if (ping < 0) {
      report.error(type, client, pingValue, Message.PING_INTERVAL_NEGATIVE, ping);
    }
    AnnotationValue deflate = explicitValue(client, "permessageDeflate");
    return Optional.of(new ClientDefaults(uri, protocols, ping, stringValue(client, "requestIdField"),
        stringValue(client, "resultField"), stringValue(client, "errorField"),
        deflate != null && Boolean.TRUE.equals(deflate.getValue())));
  }

  private static String stringValue(AnnotationMirror annotation, String name) {
    AnnotationValue v = explicitValue(annotation, name);
    return v == null ? "" : ((String) v.getValue()).trim();
  }

  private static boolean isWebSocketUri(String uri) {
    try {
      URI u = new URI(uri);
      return ("ws".equalsIgnoreCase(u.getScheme()) || "wss".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static AnnotationMirror mirror(Element element, String annotationName) {
    for (AnnotationMirror a : element.getAnnotationMirrors()) {
      if (qualifiedName(a).equals(annotationName)) {
        return a;
      }
    }
    return null;
  }

  static AnnotationValue explicitValue(AnnotationMirror annotation, String name) {
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String qualifiedName(AnnotationMirror a) {
    return ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
  }

}
