package io.wsnova.processor;

import io.wsnova.processor.HandlerModel.CallbackMethod;
import io.wsnova.processor.HandlerModel.Condition;
import io.wsnova.processor.HandlerModel.FrameRoute;
import io.wsnova.processor.HandlerModel.FrameRoute.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code @OnFrame} methods of one class: no frame may reach two of them unless precedence decides,
 * and the order in which the adapter tries routes, most specific first.
 */
final class FrameRoutes {
  /** Most specific first; the source order among equals, which {@link #check} has made exclusive. */
  static final Comparator<CallbackMethod> PRECEDENCE = Comparator
      .<CallbackMethod, int[]>comparing(m -> m.route().rank(), (x, y) -> Arrays.compare(y, x))
      .thenComparing(m -> m.route().literalLength(), Comparator.reverseOrder());

  private FrameRoutes() {}

  /** Reports each method that overlaps an earlier one, on the method, naming the earlier one. */
  static void check(List<CallbackMethod> methods, Report report) {
    List<CallbackMethod> accepted = new ArrayList<>();
    for (CallbackMethod m : methods) {
      boolean clash = false;
      for (CallbackMethod earlier : accepted) {
        if (earlier.route().kind() == Kind.JSON_ROUTED && m.route().kind() == Kind.JSON_ROUTED) {
          if (Arrays.equals(earlier.route().rank(), m.route().rank()) && earlier.route().compatibleWith(m.route())
              && !earlier.route().decidedAgainst(m.route())) {
            report.pairError(m.element(), earlier.element(), Message.ROUTE_AMBIGUOUS, Signatures.of(m.element()),
                Signatures.of(earlier.element()), example(earlier.route(), m.route()));
            clash = true;
            break;
          }
          continue;
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

  /** A message both routes would take, in words: each condition of both. */
  private static String example(FrameRoute a, FrameRoute b) {
    List<Condition> all = new ArrayList<>(a.conditions());
    for (Condition c : b.conditions()) {
      if (all.stream().noneMatch(x -> x.path().equals(c.path()))) {
        all.add(c);
      }
    }
    return all.stream().map(FrameRoutes::describe).collect(Collectors.joining(" and "));
  }

  static String describe(Condition c) {
    return c.dotted() + (c.prefix() ? " starting with \"" + c.value() + "\"" : " = \"" + c.value() + "\"");
  }

  /** Why two routes (not both routed by conditions) overlap, or {@code null} when no frame reaches both. */
  private static String overlap(FrameRoute a, FrameRoute b) {
    if (a.kind() == Kind.ALL || b.kind() == Kind.ALL) {
      return "a method without a payload parameter receives every text and binary frame";
    }
    if (a.kind() == Kind.BINARY || b.kind() == Kind.BINARY) {
      return a.kind() == b.kind() ? "both take binary frames" : null;
    }
    if (a.kind() == Kind.JSON_ALL || b.kind() == Kind.JSON_ALL) {
      return "a JSON method without a route receives every text frame";
    }
    if (a.kind() == Kind.TEXT && b.kind() == Kind.TEXT) {
      return "both take text frames";
    }
    return null; // a text method takes what no route took
  }
}
