package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.examples.server.DemoServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer written as a named module, compiled by javac with the processor and run on the module path
 * against the embedded server: the runtime's and annotations' descriptors resolve the rest (no
 * {@code --add-modules}), and the adapter is reached as the module declares, through {@code provides} or an
 * export. A module that does neither is a compile error that names the fix.
 */
class ModulePathTest {
  private static final String HANDLER = """
      package app;
      import io.wsnova.annotations.OnConnect;
      import io.wsnova.annotations.OnFrame;
      import io.wsnova.runtime.Connection;
      import io.wsnova.runtime.NovaClient;
      import io.wsnova.runtime.Options;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.TimeUnit;
      public class Greeter {
        public record Greeting(String type, String text) {}
        final CompletableFuture<Greeting> echo = new CompletableFuture<>();
        @OnConnect void open(Connection c) { c.sendJson(new Greeting("greeting", "hello from a module")); }
        @OnFrame void greeting(Greeting g) { echo.complete(g); }
        public static void main(String[] args) throws Exception {
          try (NovaClient client = NovaClient.create()) {
            Greeter greeter = new Greeter();
            client.connect(greeter, Options.builder().uri(args[0]).build()).get(10, TimeUnit.SECONDS);
            Greeting g = greeter.echo.get(10, TimeUnit.SECONDS);
            System.out.println("echo: " + g.text() + " in module " + Greeter.class.getModule().getName());
          }
        }
      }
      """;

  @Test
  void aModuleThatProvidesItsAdapterRunsWithoutReflection(@TempDir Path dir) throws Exception {
    String out = compileAndRun(dir, """
        module demo.app {
          requires io.wsnova.runtime;
          provides io.wsnova.runtime.adapter.AdapterProvider with app.GreeterConnectionHandler.Provider;
          opens app to tools.jackson.databind; // Jackson builds the Greeting record
        }
        """);
    assertThat(out).contains("echo: hello from a module in module demo.app").doesNotContain("WARN");
  }

  @Test
  void aModuleThatExportsThePackageToTheRuntimeRuns(@TempDir Path dir) throws Exception {
    String out = compileAndRun(dir, """
        module demo.app {
          requires io.wsnova.runtime;
          exports app to io.wsnova.runtime;
          opens app to tools.jackson.databind;
        }
        """);
    assertThat(out).contains("echo: hello from a module in module demo.app");
  }

  @Test
  void aModuleThatHidesTheAdapterIsACompileErrorNamingTheFix(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, """
        module demo.app {
          requires io.wsnova.runtime;
          opens app to tools.jackson.databind;
        }
        """);
    assertThat(c.ok).isFalse();
    assertThat(c.output)
        .contains("Greeter.java:9: error: wsnova handlers in a named module must let the runtime reach their adapter")
        .contains("provides io.wsnova.runtime.adapter.AdapterProvider with app.GreeterConnectionHandler.Provider;")
        .contains("exports app to io.wsnova.runtime;");
  }

  private static String compileAndRun(Path dir, String moduleInfo) throws Exception {
    Compilation c = compile(dir, moduleInfo);
    assertThat(c.ok).as(c.output).isTrue();
    assertThat(c.output).as("no warnings with -Xlint:all").isEmpty();
    try (DemoServer server = DemoServer.start()) {
      // Netty loads its native library from module io.netty.common, which JDK 24+ warns about unless allowed.
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=io.netty.common", "--module-path", dir.resolve("out/demo.app") + File.pathSeparator + modulePath(),
          "--module", "demo.app/app.Greeter", server.uri("/echo").toString());
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String text = new String(output, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(text).isZero();
      return text;
    }
  }

  private record Compilation(boolean ok, String output) {}

  private static Compilation compile(Path dir, String moduleInfo) throws IOException {
    Path src = dir.resolve("src/demo.app");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(src.resolve("app/Greeter.java"), HANDLER);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = javac.run(null, new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(output, true, StandardCharsets.UTF_8),
        "-Xlint:all", "-d", dir.resolve("out").toString(),
        "--module-source-path", dir.resolve("src").toString(), "--module", "demo.app",
        "--module-path", modulePath(), "--processor-path", processorPath());
    return new Compilation(status == 0, output.toString(StandardCharsets.UTF_8).trim());
  }

  /** The runtime and what it needs, from this test's class path: jars of the build or its class folders. */
  private static String modulePath() {
    return classPath(e -> e.contains("wsnova-runtime") || e.contains("runtime" + File.separator + "target")
        || e.contains("wsnova-annotations") || e.contains("annotations" + File.separator + "target")
        || e.contains(path("io", "netty")) || e.contains(path("tools", "jackson"))
        || e.contains(path("com", "fasterxml", "jackson")) || e.contains(path("org", "slf4j")));
  }

  private static String processorPath() {
    return classPath(e -> e.contains("wsnova-processor") || e.contains("processor" + File.separator + "target")
        || e.contains("javapoet"));
  }

  private static String path(String... parts) {
    return File.separator + String.join(File.separator, parts) + File.separator;
  }

  private static String classPath(java.util.function.Predicate<String> keep) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("test-classes") && !e.contains("-tests.jar"))
        .filter(keep)
        .collect(Collectors.joining(File.pathSeparator));
  }
}
