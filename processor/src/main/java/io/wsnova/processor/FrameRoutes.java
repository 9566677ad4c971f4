package io.wsnova.processor;

import io.wsnova.processor.HandlerModel.CallbackMethod;
import io.wsnova.processor.HandlerModel.FrameRoute;
import io.wsnova.processor.HandlerModel.FrameRoute.Kind;
import java.util.ArrayList;
import java.util.List;

/** Checks that the {@code @OnFrame} methods of one class never both receive the same frame. */
final class FrameRoutes {
  private FrameRoutes() {}

  /** Reports each method that overlaps an earlier one, on its annotation, naming the earlier one. */
  static void check(List<CallbackMethod> methods, Report report) {
    List<CallbackMethod> accepted = new ArrayList<>();
    for (CallbackMethod m : methods) {
      boolean clash = false;
      for (CallbackMethod earlier : accepted) {
        if (isFieldMismatch(earlier.route(), m.route())) {
          report.pairError(m.element(), earlier.element(), Message.ROUTE_FIELD_MISMATCH, Signatures.of(m.element()), m.route().field(),
              Signatures.of(earlier.element()), earlier.route().field());
          clash = true;
          break;
        }
        String overlap = overlap(earlier.route(), m.route());
        if (overlap != null) {
          report.pairError(m.element(), earlier.element(), Message.ROUTE_CONFLICT, Signatures.of(m.element()),
              Signatures.of(earlier.element()), overlap);
          clash = true;
          break;
        }
      }
      if (!clash) {
        accepted.add(m);
      }
    }
  }

  private static boolean isFieldMismatch(FrameRoute a, FrameRoute b) {
    return a.kind() == Kind.JSON_ROUTED && b.kind() == Kind.JSON_ROUTED && !a.field().equals(b.field());
  }

  /** Why two routes overlap, or {@code null} when no frame reaches both. */
  private static String overlap(FrameRoute a, FrameRoute b) {
    if (a.kind() == Kind.ALL || b.kind() == Kind.ALL) {
      return "a method without a payload parameter receives every text and binary frame";
    }
    if (a.kind() == Kind.BINARY || b.kind() == Kind.BINARY) {
      return a.kind() == b.kind() ? "both take binary frames" : null;
    }
    if (a.kind() == Kind.JSON_ALL || b.kind() == Kind.JSON_ALL) {
      return "a JSON method without field and value receives every text frame";
    }
    if (a.kind() == Kind.TEXT && b.kind() == Kind.TEXT) {
      return "both take text frames";
    }
    if (a.kind() == Kind.JSON_ROUTED && b.kind() == Kind.JSON_ROUTED && a.value().equals(b.value())) {
      return "both route " + a.field() + " = \"" + a.value() + "\"";
    }
    return null;
  }
}
