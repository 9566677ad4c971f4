package io.wsnova.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * A compilation with real directories for sources and output. compile-testing keeps generated files in
 * memory, which Eclipse's compiler cannot read back; tests that need the generated adapter (its text, or
 * its classes to run) compile through this on both compilers alike.
 */
record DiskCompilation(List<Diagnostic<? extends JavaFileObject>> diagnostics, Path generatedSources, Path classes) {

  static DiskCompilation compile(Compilers which, List<String> sources, Processor... extraProcessors) {
    try {
      Path root = Files.createTempDirectory("wsnova-disk-compile");
      Path src = Files.createDirectories(root.resolve("src"));
      Path gen = Files.createDirectories(root.resolve("generated"));
      Path out = Files.createDirectories(root.resolve("classes"));
      List<File> files = new ArrayList<>();
      for (String source : sources) {
        files.add(new File(Compilers.source(source).toUri()));
      }
      JavaCompiler compiler = which == Compilers.JAVAC ? ToolProvider.getSystemJavaCompiler() : new EclipseCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        fm.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(gen.toFile()));
        fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
        fm.setLocation(StandardLocation.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator)).map(File::new).collect(Collectors.toList()));
        fm.setLocation(StandardLocation.SOURCE_PATH, List.of(src.toFile()));
        List<String> options = which == Compilers.JAVAC ? List.of("--release", "17") : List.of("-17");
        JavaCompiler.CompilationTask task = compiler.getTask(null, fm, diagnostics, options, null,
            fm.getJavaFileObjectsFromFiles(files));
        List<Processor> processors = new ArrayList<>();
        processors.add(new WsnovaProcessor());
        processors.addAll(Arrays.asList(extraProcessors));
        task.setProcessors(processors);
        task.call();
      }
      return new DiskCompilation(diagnostics.getDiagnostics(), gen, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> errors() {
    return diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  /** The text of a generated source file, e.g. {@code com.example.TickerConnectionHandler}. */
  String generatedSource(String qualifiedName) {
    try {
      return Files.readString(generatedSources.resolve(qualifiedName.replace('.', '/') + ".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean generated(String qualifiedName) {
    return Files.exists(generatedSources.resolve(qualifiedName.replace('.', '/') + ".java"));
  }

  /** A class loader over the compiled classes, whose parent sees the runtime. */
  ClassLoader classLoader() {
    try {
      return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
