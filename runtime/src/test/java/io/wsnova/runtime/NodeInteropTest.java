package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation: Node's {@code ws} server, installed from the npm
 * registry by this test (from {@code src/test/node/package.json}) and started on a free loopback port.
 *
 * <p>In CI ({@code CI} set) a missing Node or a failed install fails the test. On a developer machine
 * without Node it is skipped with that reason, since the README promises a build that needs only a JDK.
 */
class NodeInteropTest {
  private static Process node;
  private static int port;
  private static final BlockingQueue<String> output = new LinkedBlockingQueue<>();
  private static NovaClient client;

  @BeforeAll
  static void startNodeServer() throws Exception {
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      Assumptions.assumeTrue(commandWorks("node", "--version") && commandWorks("npm", "--version"),
          "Node.js and npm are not installed: the ws interoperability test needs them (it fails instead in CI)");
    }
    Path dir = Path.of("target", "node-peer");
    Files.createDirectories(dir);
    for (String file : new String[] {"package.json", "ws-server.js"}) {
      Files.copy(Path.of("src", "test", "node", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("ws"))) {
      Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(install.waitFor()).as("npm install of the ws peer:\n%s", log).isZero();
    }
    node = new ProcessBuilder("node", "ws-server.js").directory(dir.toFile()).redirectErrorStream(true).start();
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
    String first = output.poll(30, TimeUnit.SECONDS);
    assertThat(first).as("the ws server's first line").startsWith("PORT ");
    port = Integer.parseInt(first.substring(5));
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.getOutputStream().close();
      if (!node.waitFor(5, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    LeakRecorder.assertNoLeaks();
  }

  private static boolean commandWorks(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Recorder recorder(String path) {
    Recorder r = new Recorder(URI.create("ws://127.0.0.1:" + port + path));
    r.policy = e -> Result.stop();
    return r;
  }

  /** The next line the Node server printed that starts with {@code prefix}. */
  private static String nodeSaid(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String line = output.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("node never said " + prefix);
  }

  @Test
  void echoesTextAndBinary() throws Exception {
    Recorder r = recorder("/echo");
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    String big = "ü".repeat(100_000);

    c.sendText(big).get(10, TimeUnit.SECONDS);
    c.sendBinary(new byte[] {0, 1, 2, (byte) 255}).get(10, TimeUnit.SECONDS);

    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo(big);
    assertThat(r.nextData(FrameType.BINARY).bytes()).containsExactly(0, 1, 2, 255);
    c.close(1000, "done").get(10, TimeUnit.SECONDS);
    assertThat(nodeSaid("CLOSED /echo")).isEqualTo("CLOSED /echo 1000");
  }

  @Test
  void reassemblesFragmentsFromWs() throws Exception {
    Recorder r = recorder("/fragments");
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("fragmented message");
    assertThat(nodeSaid("PONG")).as("the ping between fragments was answered").isEqualTo("PONG mid");
    c.close();
  }

  @Test
  void pingAndPongBothWays() throws Exception {
    Recorder r = new Recorder(ConnectionInfo.builder(URI.create("ws://127.0.0.1:" + port + "/ping"))) {
      @Override
      public byte[] pingPayload(Connection connection) {
        return "wsnova ping".getBytes(StandardCharsets.UTF_8);
      }
    };
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    assertThat(nodeSaid("PONG")).isEqualTo("PONG node ping");
    c.ping().get(10, TimeUnit.SECONDS);
    Recorder.Pong pong = r.next(Recorder.Pong.class);
    assertThat(pong.payload()).isEqualTo("wsnova ping");
    assertThat(pong.roundTrip()).isNotNull();
    c.close();
  }

  @Test
  void closeCodesFromWsReachOnDisconnect() throws Exception {
    Recorder r = recorder("/close/4321");
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    assertThat(r.next(DisconnectReason.class)).isEqualTo(new DisconnectReason.Closed(4321, "bye"));
    assertThat(nodeSaid("CLOSED /close")).as("ws saw our echo of its code").isEqualTo("CLOSED /close/4321 4321");
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new DisconnectReason.Closed(4321, "bye"));
  }
}
