package io.wsnova.processor;

import io.wsnova.processor.HandlerModel.FrameRoute;
import io.wsnova.processor.HandlerModel.Param;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads an {@code @OnFrame} annotation ({@code field}/{@code value}, {@code when}, {@code decode}) and
 * the method's payload parameter into a {@link FrameRoute}, with each mistake reported on the annotation
 * value that holds it. Whether the routes of a class clash is {@link FrameRoutes}'s job.
 */
final class FrameRouteReader {
  private FrameRouteReader() {}

  /**
   * The route of one {@code @OnFrame} method, from its annotation and its parameters; {@code null}, after
   * an error on the annotation value at fault, when the annotation is malformed.
   */
  static FrameRoute read(ExecutableElement method, List<Param> params, Report report) {
    AnnotationMirror onFrame = HandlerValidator.mirror(method, CallbackKind.ON_FRAME.annotationName());
    AnnotationValue field = HandlerValidator.explicitValue(onFrame, "field");
    AnnotationValue value = HandlerValidator.explicitValue(onFrame, "value");
    AnnotationValue when = HandlerValidator.explicitValue(onFrame, "when");
    AnnotationValue decode = HandlerValidator.explicitValue(onFrame, "decode");
    String fieldText = field == null ? "" : (String) field.getValue();
    String valueText = value == null ? "" : (String) value.getValue();
    if (field != null && fieldText.isEmpty() || value != null && valueText.isEmpty()) {
      AnnotationValue empty = field != null && fieldText.isEmpty() ? field : value;
      report.error(method, onFrame, empty, Message.ROUTE_VALUE_EMPTY, empty == field ? "field" : "value");
      return null;
    }
    if (fieldText.isEmpty() != valueText.isEmpty()) {
      AnnotationValue set = fieldText.isEmpty() ? value : field;
      report.error(method, onFrame, set, Message.ROUTE_INCOMPLETE,
          fieldText.isEmpty() ? "value" : "field", fieldText.isEmpty() ? "field" : "value");
      return null;
    }
    List<HandlerModel.Condition> conditions = new ArrayList<>();
    boolean ok = true;
    if (!fieldText.isEmpty()) {
      ok &= addCondition(conditions, fieldText, valueText, method, onFrame, field, report);
    }
    if (when != null) {
      for (Object item : (List<?>) when.getValue()) {
        AnnotationValue entry = (AnnotationValue) item;
        String text = (String) entry.getValue();
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
          report.error(method, onFrame, entry, Message.ROUTE_CONDITION_MALFORMED, text);
          ok = false;
          continue;
        }
        ok &= addCondition(conditions, text.substring(0, eq).trim(), text.substring(eq + 1).trim(), method, onFrame,
            entry, report);
      }
    }
    List<String> decodePath = List.of();
    if (decode != null) {
      String decodeText = (String) decode.getValue();
      decodePath = path(decodeText);
      if (decodePath == null) {
        report.error(method, onFrame, decode, Message.ROUTE_PATH_MALFORMED, "decode", decodeText);
        return null;
      }
    }
    if (!ok) {
      return null;
    }
    Param json = params.stream().filter(p -> p.kind() == ParamKind.JSON).findFirst().orElse(null);
    if (!conditions.isEmpty() || decode != null) {
      if (json == null) {
        AnnotationValue at = field != null ? field : when != null ? when : decode;
        report.error(method, onFrame, at, Message.ROUTE_WITHOUT_JSON, Signatures.of(method));
        return null;
      }
      return new FrameRoute(conditions.isEmpty() ? FrameRoute.Kind.JSON_ALL : FrameRoute.Kind.JSON_ROUTED,
          List.copyOf(conditions), decodePath, json.type());
    }
    if (json != null) {
      return new FrameRoute(FrameRoute.Kind.JSON_ALL, List.of(), List.of(), json.type());
    }
    if (params.stream().anyMatch(p -> p.kind() == ParamKind.TEXT)) {
      return FrameRoute.of(FrameRoute.Kind.TEXT);
    }
    if (params.stream().anyMatch(p -> p.kind().isBinaryPayload())) {
      return FrameRoute.of(FrameRoute.Kind.BINARY);
    }
    return FrameRoute.of(FrameRoute.Kind.ALL);
  }

  /** Adds the condition {@code path} = {@code value}; false (after an error on {@code at}) when it is malformed. */
  private static boolean addCondition(List<HandlerModel.Condition> conditions, String pathText, String value,
      ExecutableElement method, AnnotationMirror onFrame, AnnotationValue at, Report report) {
    List<String> path = path(pathText);
    if (path == null) {
      report.error(method, onFrame, at, Message.ROUTE_PATH_MALFORMED, "field", pathText);
      return false;
    }
    for (HandlerModel.Condition c : conditions) {
      if (c.path().equals(path)) {
        report.error(method, onFrame, at, Message.ROUTE_PATH_TWICE, pathText);
        return false;
      }
    }
    // A * at the end makes a prefix; anywhere else it is literal, and so is "\\*" at the end.
    boolean escaped = value.endsWith("\\*");
    boolean prefix = value.endsWith("*") && !escaped;
    String literal = escaped ? value.substring(0, value.length() - 2) + "*"
        : prefix ? value.substring(0, value.length() - 1) : value;
    conditions.add(new HandlerModel.Condition(path, literal, prefix));
    return true;
  }

  /** {@code a.b.c} as its segments, or {@code null} when a segment is empty. */
  private static List<String> path(String dotted) {
    if (dotted.isEmpty()) {
      return null;
    }
    String[] segments = dotted.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return null;
      }
    }
    return List.of(segments);
  }
}
