package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.examples.server.DemoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Maven build, exactly as a user would paste it: a project of its own made from the README's
 * {@code pom.xml} and one handler, built with the Maven wrapper against the artifacts this build installed
 * (so the test command is {@code install}), and run against the embedded server.
 */
class ConsumerBuildTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final String HANDLER = "package com.example;\n"
      + "import io.wsnova.annotations.OnConnect;\n"
      + "import io.wsnova.annotations.OnFrame;\n"
      + "import io.wsnova.runtime.Connection;\n"
      + "import io.wsnova.runtime.NovaClient;\n"
      + "import io.wsnova.runtime.Options;\n"
      + "import java.util.concurrent.CompletableFuture;\n"
      + "import java.util.concurrent.TimeUnit;\n"
      + "public class Hello {\n"
      + "  final CompletableFuture<String> echo = new CompletableFuture<>();\n"
      + "  @OnConnect void open(Connection c) { c.sendText(\"hello from a consumer\"); }\n"
      + "  @OnFrame void text(String s) { echo.complete(s); }\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    try (NovaClient client = NovaClient.create()) {\n"
      + "      Hello hello = new Hello();\n"
      + "      client.connect(hello, Options.builder().uri(args[0]).build()).get(10, TimeUnit.SECONDS);\n"
      + "      System.out.println(\"echo: \" + hello.echo.get(10, TimeUnit.SECONDS));\n"
      + "    }\n"
      + "  }\n"
      + "}\n";

  static String readmePom() throws IOException {
    Matcher m = Pattern.compile("<!-- build: maven -->\\s*```xml\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(ROOT.resolve("README.md")));
    assertThat(m.find()).as("README.md has a <!-- build: maven --> pom.xml").isTrue();
    return m.group(1);
  }

  @Test
  void theReadmesPomBuildsAProjectWhoseHandlerRuns(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("pom.xml"), readmePom());
    Path source = project.resolve("src/main/java/com/example/Hello.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, HANDLER);
    Files.copy(ROOT.resolve("mvnw"), project.resolve("mvnw"));
    project.resolve("mvnw").toFile().setExecutable(true);
    Files.createDirectories(project.resolve(".mvn/wrapper"));
    Files.copy(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"), project.resolve(".mvn/wrapper/maven-wrapper.properties"));

    String build = run(project, List.of("./mvnw", "-B", "-q", "package", "dependency:build-classpath",
        "-Dmdep.outputFile=classpath.txt"), 600);
    assertThat(project.resolve("target/generated-sources/annotations/com/example/HelloConnectionHandler.java"))
        .as("the processor ran: %s", build).exists();

    try (DemoServer server = DemoServer.start()) {
      String classpath = project.resolve("target/classes") + java.io.File.pathSeparator
          + Files.readString(project.resolve("classpath.txt")).trim();
      String out = run(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          classpath, "com.example.Hello", server.uri("/echo").toString()), 60);
      assertThat(out).contains("echo: hello from a consumer");
    }
  }

  private static String run(Path dir, List<String> command, long seconds) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s:%n%s", command, text).isZero();
    return text;
  }
}
