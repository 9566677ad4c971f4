package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.NodePeer;
import io.wsnova.runtime.testing.Recorder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation: Node's {@code ws} server ({@link NodePeer}),
 * started on a free loopback port.
 */
class NodeInteropTest {
  private static NodePeer node;
  private static int port;
  private static NovaClient client;

  @BeforeAll
  static void startNodeServer() throws Exception {
    node = NodePeer.start("ws-server.js");
    port = Integer.parseInt(node.said("PORT ").substring(5));
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    NodePeer.closeAll(client, node);
  }

  private static Recorder recorder(String path) {
    Recorder r = new Recorder(URI.create("ws://127.0.0.1:" + port + path));
    r.policy = e -> Result.stop();
    return r;
  }

  private static String nodeSaid(String prefix) throws InterruptedException {
    return node.said(prefix);
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
