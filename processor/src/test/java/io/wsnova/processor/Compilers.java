package io.wsnova.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/** The compilers the processor must work on: javac, and Eclipse's compiler (ECJ), which IDE users build with. */
enum Compilers {
  JAVAC,
  ECJ;

  private static final List<File> CLASSPATH = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
      .map(File::new)
      .collect(Collectors.toList());

  Compiler compiler(Processor... extra) {
    Compiler base = this == JAVAC ? Compiler.javac() : Compiler.compiler(new EclipseCompiler());
    Processor[] processors = new Processor[extra.length + 1];
    processors[0] = new WsnovaProcessor();
    System.arraycopy(extra, 0, processors, 1, extra.length);
    List<String> options = this == JAVAC ? List.of("--release", "17", "-Xlint:-options") : List.of("-17", "-proceedOnError");
    return base.withProcessors(processors).withOptions(options).withClasspath(CLASSPATH);
  }

  Compilation compile(String source) {
    return compiler().compile(source(source));
  }

  /** A source file named after the first top-level {@code class}, {@code record} or {@code interface} in it. */
  static JavaFileObject source(String source) {
    String pkg = source.replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^(?:public\\s+|abstract\\s+|final\\s+)*(?:class|record|interface|enum|@interface)\\s+([\\w$]+)")
        .matcher(source);
    if (!m.find()) {
      throw new IllegalArgumentException("no top-level type in:\n" + source);
    }
    // On disk, not in memory: Eclipse's compiler turns every source URI into a java.io.File.
    try {
      java.nio.file.Path file = SOURCES.resolve(java.util.UUID.randomUUID().toString())
          .resolve(pkg.replace('.', '/')).resolve(m.group(1) + ".java");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, source);
      return JavaFileObjects.forResource(file.toUri().toURL());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final java.nio.file.Path SOURCES = createSourceRoot();

  private static java.nio.file.Path createSourceRoot() {
    try {
      return java.nio.file.Files.createTempDirectory("wsnova-processor-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The 1-based line of the first line containing {@code marker}. */
  static long lineOf(String source, String marker) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1L;
      }
    }
    throw new IllegalArgumentException("marker not found: " + marker);
  }
}
