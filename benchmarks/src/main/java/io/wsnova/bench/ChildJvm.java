package io.wsnova.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from this classpath: the echo server, or one client's run. Each may be pinned to CPUs of
 * its own ({@code taskset}), so that the client and the server of the echo benchmark never share a core
 * and the scheduler does not move them between runs; where {@code taskset} is missing, or the machine has
 * one core, it runs unpinned and {@link #pinning()} says so.
 */
final class ChildJvm implements AutoCloseable {
  /** The CPU the echo server gets: the last one. */
  static final String SERVER_CPU = String.valueOf(Runtime.getRuntime().availableProcessors() - 1);
  /** The CPU each echo client's JVM gets: the first one. */
  static final String CLIENT_CPU = "0";

  private static final boolean CAN_PIN = Runtime.getRuntime().availableProcessors() >= 2
      && Files.isExecutable(Path.of("/usr/bin/taskset"));

  private final Process process;
  private final int port;

  private ChildJvm(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** How the echo benchmark's JVMs are placed, for the tables' heading. */
  static String pinning() {
    return CAN_PIN ? "client JVM on CPU " + CLIENT_CPU + ", server JVM on CPU " + SERVER_CPU
        : "unpinned (no taskset, or one core)";
  }

  /** Starts a server that prints {@code PORT n} first; it runs until closed. {@code cpus} null: unpinned. */
  static ChildJvm start(String cpus, String mainClass, String... args) throws Exception {
    Process p = new ProcessBuilder(command(cpus, mainClass, args)).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      p.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not start: " + line);
    }
    return new ChildJvm(p, Integer.parseInt(line.substring(5)));
  }

  /** Runs a JVM to its end and returns its last line that starts with {@code prefix}. */
  static String runToCompletion(String cpus, String prefix, String mainClass, String... args) throws Exception {
    Process p = new ProcessBuilder(command(cpus, mainClass, args)).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String found = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          found = line;
        } else {
          System.out.println(line); // what the child says besides its result (a client that did not close)
        }
      }
    }
    if (p.waitFor() != 0 || found == null) {
      throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " failed");
    }
    return found;
  }

  private static List<String> command(String cpus, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    if (cpus != null && CAN_PIN) {
      cmd.addAll(List.of("/usr/bin/taskset", "-c", cpus));
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
        System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
