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
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

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

  /** A type it uses does not exist yet (another processor may generate it): ask again next round. */
  record Deferred() implements Outcome {}

  private HandlerValidator() {}

  static Outcome validate(TypeElement type) {
    List<ExecutableElement> annotated = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!callbacksOn(method).isEmpty()) {
        annotated.add(method);
      }
    }
    if (usesMissingTypes(annotated)) {
      return new Deferred();
    }

    Report report = new Report();
    if (!checkClass(type, report)) {
      return new Invalid(report); // methods of an interface or enum: the one error says it all
    }
    Map<CallbackKind, CallbackMethod> single = new EnumMap<>(CallbackKind.class);
    List<CallbackMethod> frameMethods = new ArrayList<>();
    for (ExecutableElement method : annotated) {
      CallbackMethod m = checkMethod(method, report);
      if (m == null) {
        continue;
      }
      if (m.kind().allowsSeveralMethods()) {
        frameMethods.add(m);
      } else if (single.containsKey(m.kind())) {
        report.error(method, Message.DUPLICATE_CALLBACK, m.kind().simpleName,
            Signatures.of(single.get(m.kind()).element()), Signatures.of(method));
      } else {
        single.put(m.kind(), m);
      }
    }
    FrameRoutes.check(frameMethods, report);
    Optional<ClientDefaults> defaults = clientDefaults(type, report);

    if (!report.isClean()) {
      return new Invalid(report);
    }
    ClassName user = ClassName.get(type);
    ClassName adapter = ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + "ConnectionHandler");
    return new Valid(new HandlerModel(type, user, adapter, single, frameMethods, defaults));
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

  private static boolean usesMissingTypes(List<ExecutableElement> methods) {
    for (ExecutableElement m : methods) {
      if (m.getReturnType().getKind() == TypeKind.ERROR) {
        return true;
      }
      for (VariableElement p : m.getParameters()) {
        if (p.asType().getKind() == TypeKind.ERROR) {
          return true;
        }
      }
    }
    return false;
  }

  /** Reports what is wrong with the class itself; false when it is no class at all. */
  private static boolean checkClass(TypeElement type, Report report) {
    String name = Signatures.nestedName(type);
    String adapter = String.join("_", ClassName.get(type).simpleNames()) + "ConnectionHandler";
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      report.error(type, Message.CLASS_NOT_A_CLASS, type.getKind().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' '), name);
      return false;
    }
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
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(type, Message.CLASS_ABSTRACT, name);
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS && type.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      report.error(type, Message.CLASS_INNER, name);
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      report.error(type, Message.CLASS_INNER, name);
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(type, Message.CLASS_GENERIC, name, name);
    }
    return true;
  }

  /** Checks one annotated method; returns its model, or {@code null} when it cannot have one. */
  private static CallbackMethod checkMethod(ExecutableElement method, Report report) {
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
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.error(method, Message.METHOD_STATIC, kind.simpleName, signature);
      ok = false;
    }
    // An abstract method can only sit in an abstract class, which is reported once, on the class.
    if (!method.getTypeParameters().isEmpty()) {
      report.error(method, Message.METHOD_GENERIC, kind.simpleName, signature);
      ok = false;
    }
    List<Param> params = checkParams(kind, method, report);
    ReturnKind returns = checkReturn(kind, method, report);
    if (!ok || params == null || returns == null) {
      return null;
    }
    FrameRoute route = kind == CallbackKind.ON_FRAME ? frameRoute(method, params, report) : null;
    if (kind == CallbackKind.ON_FRAME && route == null) {
      return null;
    }
    return new CallbackMethod(kind, method, params, returns, route);
  }

  private static List<Param> checkParams(CallbackKind kind, ExecutableElement method, Report report) {
    List<Param> params = new ArrayList<>();
    boolean ok = true;
    VariableElement text = null;
    VariableElement binary = null;
    VariableElement json = null;
    for (VariableElement p : method.getParameters()) {
      ParamKind pk = ParamKind.of(p.asType());
      if (!kind.params.contains(pk)) {
        report.error(p, Message.PARAM_UNSUPPORTED, kind.simpleName, Signatures.of(p.asType()), kind.describeParams());
        ok = false;
        continue;
      }
      if (pk == ParamKind.JSON && json != null) {
        report.error(p, Message.PARAM_SECOND_JSON, p.getSimpleName(), Signatures.of(p.asType()));
        ok = false;
        continue;
      }
      if (pk != ParamKind.JSON && params.stream().anyMatch(q -> q.kind() == pk)) {
        report.error(p, Message.PARAM_REPEATED, kind.simpleName, p.getSimpleName(), pk.description);
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
      params.add(new Param(pk, p.asType()));
    }
    return ok ? params : null;
  }

  private static ReturnKind checkReturn(CallbackKind kind, ExecutableElement method, Report report) {
    ReturnKind rk = ReturnKind.of(method.getReturnType());
    if (rk == ReturnKind.RECONNECT) {
      String instead = kind.returns.contains(ReturnKind.CLOSE) ? "Result.close(code, reason) or Result.stop()"
          : kind.returns.contains(ReturnKind.STOP) ? "Result.ok() or Result.stop()" : kind.describeReturns();
      report.error(method, Message.RETURN_RECONNECT, kind.simpleName, instead);
      return null;
    }
    if (!kind.returns.contains(rk)) {
      report.error(method, Message.RETURN_UNSUPPORTED, kind.simpleName, Signatures.of(method.getReturnType()),
          kind.describeReturns());
      return null;
    }
    return rk;
  }

  private static FrameRoute frameRoute(ExecutableElement method, List<Param> params, Report report) {
    AnnotationMirror onFrame = mirror(method, CallbackKind.ON_FRAME.annotationName());
    AnnotationValue field = explicitValue(onFrame, "field");
    AnnotationValue value = explicitValue(onFrame, "value");
    String fieldText = field == null ? "" : (String) field.getValue();
    String valueText = value == null ? "" : (String) value.getValue();
    if (fieldText.isEmpty() != valueText.isEmpty()) {
      AnnotationValue set = fieldText.isEmpty() ? value : field;
      report.error(method, onFrame, set, Message.ROUTE_INCOMPLETE,
          fieldText.isEmpty() ? "value" : "field", fieldText.isEmpty() ? "field" : "value");
      return null;
    }
    Param json = params.stream().filter(p -> p.kind() == ParamKind.JSON).findFirst().orElse(null);
    if (!fieldText.isEmpty()) {
      if (json == null) {
        report.error(method, onFrame, field, Message.ROUTE_WITHOUT_JSON, Signatures.of(method));
        return null;
      }
      return new FrameRoute(FrameRoute.Kind.JSON_ROUTED, fieldText, valueText, json.type());
    }
    if (json != null) {
      return new FrameRoute(FrameRoute.Kind.JSON_ALL, "", "", json.type());
    }
    if (params.stream().anyMatch(p -> p.kind() == ParamKind.TEXT)) {
      return new FrameRoute(FrameRoute.Kind.TEXT, "", "", null);
    }
    if (params.stream().anyMatch(p -> p.kind().isBinaryPayload())) {
      return new FrameRoute(FrameRoute.Kind.BINARY, "", "", null);
    }
    return new FrameRoute(FrameRoute.Kind.ALL, "", "", null);
  }

  private static Optional<ClientDefaults> clientDefaults(TypeElement type, Report report) {
    AnnotationMirror client = mirror(type, RuntimeTypes.WEB_SOCKET_CLIENT);
    if (client == null) {
      return Optional.empty();
    }
    AnnotationValue uriValue = explicitValue(client, "uri");
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
    return Optional.of(new ClientDefaults(uri, protocols, ping));
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

  private static AnnotationValue explicitValue(AnnotationMirror annotation, String name) {
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
