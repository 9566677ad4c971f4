package io.wsnova.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code META-INF/services} file that lists every adapter's {@code Provider}, so that the runtime finds
 * adapters with {@link java.util.ServiceLoader} instead of reflection. Written once, in the last round.
 *
 * <p>The lines of an earlier file in the output are kept, because an IDE that recompiles one handler runs
 * the processor on that handler only; a line whose adapter has gone is skipped by the runtime. Lines are
 * sorted, so the same handlers always give the same file.
 */
final class ServiceRegistry {
  static final String PATH = "META-INF/services/" + RuntimeTypes.ADAPTER_PROVIDER.canonicalName();

  private final Set<String> providers = new TreeSet<>();
  private final Set<String> withdrawn = new TreeSet<>();
  private final List<Element> origins = new ArrayList<>();

  /** The adapter (a top-level class) is valid and registered. */
  void register(String adapterBinaryName, Element handler) {
    providers.add(adapterBinaryName + "$" + AdapterWriter.PROVIDER);
    origins.add(handler);
  }

  /** The handler has errors now: an earlier file's line for it must go. */
  void withdraw(String adapterBinaryName) {
    withdrawn.add(adapterBinaryName + "$" + AdapterWriter.PROVIDER);
  }

  /** Writes the file if there is anything to list; throws IOException when the compiler refuses. */
  void writeTo(Filer filer) throws IOException {
    Set<String> lines = new TreeSet<>(earlier(filer));
    lines.removeAll(withdrawn);
    lines.addAll(providers);
    if (lines.isEmpty()) {
      return;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH, origins.toArray(new Element[0]));
    try (Writer out = file.openWriter()) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }

  /** The lines of the file an earlier compile left in the output, if any. */
  private static Set<String> earlier(Filer filer) {
    Set<String> lines = new TreeSet<>();
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (BufferedReader in = new BufferedReader(existing.openReader(true))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          int comment = line.indexOf('#');
          String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
          if (!name.isEmpty()) {
            lines.add(name);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // None, or a compiler that cannot read its output (an in-memory one): start afresh.
    }
    return lines;
  }
}
