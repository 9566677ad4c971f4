package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every resolved address is tried in turn, each within a share of the attempt's time. */
class ResolverTest {

  @Test
  void anAddressThatRefusesIsSkippedForTheNext() throws Exception {
    try (TestServer server = TestServer.start()) {
      // 127.0.0.2 is loopback too, and nothing listens there on the server's port.
      Resolver twoAddresses = host -> List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
      try (NovaClient client = NovaClient.builder().threads(1).resolver(twoAddresses).build()) {
        Recorder r = new Recorder(java.net.URI.create("ws://feed.test:" + server.port() + "/echo"));
        Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
        assertThat(c.isOpen()).isTrue();
        c.close().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anAddressThatSwallowsTheConnectGetsOnlyItsShareOfTheTime() throws Exception {
    try (TestServer server = TestServer.start();
        // A listener on 127.0.0.2 that never accepts, with its backlog full: further SYNs go unanswered.
        ServerSocket blackhole = new ServerSocket()) {
      blackhole.bind(new InetSocketAddress("127.0.0.2", server.port()), 1);
      List<Socket> filling = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket();
        try {
          s.connect(blackhole.getLocalSocketAddress(), 200);
          filling.add(s);
        } catch (java.io.IOException full) {
          s.close();
          break;
        }
      }
      Resolver twoAddresses = host -> List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
      try (NovaClient client = NovaClient.builder().threads(1).resolver(twoAddresses).build()) {
        Recorder r = new Recorder(ConnectionInfo.builder(java.net.URI.create("ws://feed.test:" + server.port() + "/echo"))
            .timeout(Duration.ofSeconds(4)));
        r.policy = e -> Result.stop();
        long start = System.nanoTime();
        Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(c.isOpen()).isTrue();
        assertThat(took).as("the first address had half of the 4 s, the second the rest")
            .isLessThan(Duration.ofMillis(3500));
        c.close().get(10, TimeUnit.SECONDS);
      } finally {
        for (Socket s : filling) {
          s.close();
        }
      }
    }
  }
}
