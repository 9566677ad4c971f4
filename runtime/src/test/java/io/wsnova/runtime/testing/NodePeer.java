package io.wsnova.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.NovaClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Node.js script from {@code src/test/node}, run with the {@code ws} package that
 * {@code src/test/node/package.json} installs from the npm registry; its output lines are kept to read.
 *
 * <p>In CI ({@code CI} set) a missing Node or a failed install fails the test. On a developer machine
 * without Node the test is skipped with that reason, since the README promises a build that needs only a JDK.
 */
public final class NodePeer implements AutoCloseable {
  private final Process node;
  private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

  private NodePeer(Process node) {
    this.node = node;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("READ FAILED " + e);
      }
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Installs {@code ws} if needed and starts {@code script}. */
  public static NodePeer start(String script) throws Exception {
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      Assumptions.assumeTrue(commandWorks("node", "--version") && commandWorks("npm", "--version"),
          "Node.js and npm are not installed: the ws interoperability tests need them (they fail instead in CI)");
    }
    Path dir = Path.of("target", "node-peer");
    Files.createDirectories(dir);
    for (String file : new String[] {"package.json", script}) {
      Files.copy(Path.of("src", "test", "node", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    synchronized (NodePeer.class) {
      if (!Files.isDirectory(dir.resolve("node_modules").resolve("ws"))) {
        Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
            .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor()).as("npm install of the ws peer:\n%s", log).isZero();
      }
    }
    return new NodePeer(new ProcessBuilder("node", script).directory(dir.toFile()).redirectErrorStream(true).start());
  }

  /** The next line the script printed that starts with {@code prefix}, waiting up to 30 s. */
  public String said(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = output.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("node never said " + prefix);
  }

  private static boolean commandWorks(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * The end of a test class against a Node peer: its client closed, then the peer, then no Netty buffer
   * left unreleased. Either may be {@code null} when the start-up failed or was skipped.
   */
  public static void closeAll(NovaClient client, NodePeer node) throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
    LeakRecorder.assertNoLeaks();
  }

  @Override
  public void close() throws Exception {
    node.getOutputStream().close();
    if (!node.waitFor(5, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
  }
}
