package io.wsnova.runtime.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the runtime's tests: every line is kept in memory (the last 200,000), none is
 * printed, so tests assert what was logged and the build output stays quiet. INFO and above by default;
 * a test may lower the level for {@code io.wsnova} with {@link #level(Level)}.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  /** One logged line. */
  public record Line(Level level, String logger, String message, Throwable thrown) {
    @Override
    public String toString() {
      return level + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": " + message
          + (thrown == null ? "" : " [" + thrown + "]");
    }
  }

  private static final int KEPT = 200_000;
  private static final Deque<Line> LINES = new ArrayDeque<>();
  private static volatile Level wsnovaLevel = Level.INFO;

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** The lowest level kept for {@code io.wsnova} loggers (others keep WARN and above). */
  public static void level(Level level) {
    wsnovaLevel = level;
  }

  public static synchronized void clear() {
    LINES.clear();
  }

  public static synchronized List<Line> lines() {
    return new ArrayList<>(LINES);
  }

  public static List<Line> lines(Predicate<Line> which) {
    return lines().stream().filter(which).toList();
  }

  /** Lines at {@code level} whose message contains {@code text}. */
  public static List<Line> find(Level level, String text) {
    return lines(l -> l.level() == level && l.message().contains(text));
  }

  static synchronized void add(Line line) {
    if (LINES.size() == KEPT) {
      LINES.removeFirst();
    }
    LINES.addLast(line);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    private boolean enabled(Level level) {
      Level lowest = name.startsWith("io.wsnova") ? wsnovaLevel : Level.WARN;
      return level.toInt() >= lowest.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      if (enabled(level)) {
        add(new Line(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
      }
    }
  }
}
