package io.wsnova.runtime.internal;

import io.wsnova.runtime.ConnectionInfo;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * What one connection says in the logs: every line starts with its label ({@code ws-3 feed
 * wss://host:443/path}: the id, the user's name if any, the URI without user info or query), and a kind
 * of problem that repeats (a callback that throws on every frame, a flood of bad frames) is logged in
 * full a few times, then summed up once per interval. Secrets never reach a line: the values of
 * {@code Authorization}, {@code Cookie} and {@code Sec-WebSocket-Protocol} are redacted. Confined to the
 * connection's event loop, like the connection.
 */
final class ConnectionLog {
  /** How many of one kind of problem are logged in full before the rest are counted. */
  static final int IN_FULL = 3;
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "sec-websocket-protocol");

  /** One kind of repeated problem: how many were seen, and how many held back since the last summary. */
  private static final class Repeats {
    int logged;
    long heldBack;
    boolean summaryScheduled;
  }

  /** The connection's serial: its id is made per line ({@link #id(int)}), not kept. */
  private final int serial;
  private final String name;
  /** Whose log this is: its loop times the summaries, its options say how often. */
  private final ManagedConnection connection;
  /** Made by the first problem: most connections never have one. */
  private Map<String, Repeats> repeats;
  /**
   * The server talked to now, {@code null} before the first attempt: the label is built from it per line,
   * the secrets to redact are read from it per line that needs them, and the connection's {@code info()}
   * gives it (kept once, here).
   */
  private volatile ConnectionInfo target;

  ConnectionLog(int serial, String name, ManagedConnection connection) {
    this.serial = serial;
    this.name = name;
    this.connection = connection;
  }

  /** The client's number for the connection. */
  int serial() {
    return serial;
  }

  /** The user's name for the connection, or the handler's default name; {@code null} for none. */
  String name() {
    return name;
  }

  /** The connection info of the current or last attempt; {@code null} before the first. Any thread. */
  ConnectionInfo target() {
    return target;
  }

  /** Which server this connection is talking to now; the label names it from here on. */
  void target(ConnectionInfo info) {
    target = info;
  }

  /**
   * {@code text} (an exception's message, a reason) with every secret of the current target replaced:
   * libraries quote what they were given, such as the subprotocols a server did not accept.
   */
  String scrub(Object text) {
    String s = String.valueOf(text);
    ConnectionInfo t = target;
    if (t == null) {
      return s;
    }
    for (String secret : secrets(t)) {
      s = s.replace(secret, "<redacted>");
    }
    return s;
  }

  /**
   * What must not appear in a line about {@code info}: credentials, subprotocols, user info, query, whole
   * and in parts. Found per line that needs it (lines with a failure are rare), not kept per connection.
   */
  private static List<String> secrets(ConnectionInfo info) {
    List<String> found = new ArrayList<>();
    info.headers().forEach((k, v) -> {
      if (SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
        found.add(v);
        found.addAll(Arrays.asList(v.split("[\\s,;=]+")));
      }
    });
    found.addAll(info.subprotocols());
    if (info.uri().getRawUserInfo() != null) {
      found.add(info.uri().getRawUserInfo());
      found.addAll(Arrays.asList(info.uri().getRawUserInfo().split(":")));
    }
    if (info.uri().getRawQuery() != null) {
      found.add(info.uri().getRawQuery());
      found.addAll(Arrays.asList(info.uri().getRawQuery().split("[&=]")));
    }
    // Longest first, so that a value is replaced whole before any part of it; short words are too common.
    return found.stream().filter(v -> v.length() >= 4).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** A connection's id, as {@code Connection.id()} gives it and every line starts with: {@code ws-} and its serial. */
  static String id(int serial) {
    return "ws-" + serial;
  }

  /**
   * What starts every line of this connection. Built per line, not kept: lines are rare next to the
   * connections of a fleet, each of which would otherwise hold its label's bytes.
   */
  String label() {
    ConnectionInfo t = target;
    String who = name == null ? id(serial) : id(serial) + " " + name;
    return t == null ? who : who + " " + safe(t.uri());
  }

  /**
   * Logs a problem of {@code kind} at WARN, in full the first {@link #IN_FULL} times, then held back and
   * counted, the count logged once per summary interval.
   */
  void warnRepeated(Logger log, String kind, String message, Throwable cause) {
    if (!log.isWarnEnabled()) {
      return;
    }
    if (repeats == null) {
      repeats = new HashMap<>();
    }
    Repeats r = repeats.computeIfAbsent(kind, k -> new Repeats());
    if (r.logged < IN_FULL) {
      r.logged++;
      String more = r.logged == IN_FULL ? " (more of these are counted, and the count logged every "
          + human(summaryInterval()) + ")" : "";
      log.warn("{} {}{}", label(), message, more, cause);
      return;
    }
    r.heldBack++;
    if (!r.summaryScheduled) {
      r.summaryScheduled = true;
      connection.loop().schedule(() -> summarize(log, kind, r), summaryInterval().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private Duration summaryInterval() {
    return connection.options().logSummaryInterval();
  }

  private void summarize(Logger log, String kind, Repeats r) {
    r.summaryScheduled = false;
    if (r.heldBack > 0) {
      log.warn("{} {} more of: {} (in the last {})", label(), r.heldBack, kind, human(summaryInterval()));
      r.heldBack = 0;
    }
  }

  /** {@code scheme://host:port/path}: no user info, no query (where tokens often travel). */
  static String safe(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    int port = uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + (port == -1 ? "" : ":" + port) + path;
  }

  /** The headers as a log can show them: the values of credentials replaced. */
  static Map<String, String> redacted(Map<String, String> headers) {
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> shown.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? "<redacted>" : v));
    return shown;
  }

  /** A duration as people read it in a log: 1.8 s, 250 ms. */
  static String human(Duration d) {
    long millis = d.toMillis();
    return millis >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : millis + " ms";
  }
}
