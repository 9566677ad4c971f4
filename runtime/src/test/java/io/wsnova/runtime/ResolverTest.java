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
      try (NovaClient client = NovaClient.builder().threads(1).resolver(addresses(2, 1)).build()) {
        Recorder r = new Recorder(java.net.URI.create("ws://feed.test:" + server.port() + "/echo"));
        Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
        assertThat(c.isOpen()).isTrue();
        c.close().get(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A listener on {@code 127.0.0.2:port} that never accepts, its backlog filled: further SYNs go unanswered.
   * Closing it closes the sockets that fill it.
   */
  private static final class Blackhole implements AutoCloseable {
    final ServerSocket socket = new ServerSocket();
    final List<Socket> filling = new ArrayList<>();

    Blackhole(int port) throws java.io.IOException {
      socket.bind(new InetSocketAddress("127.0.0.2", port), 1);
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket();
        try {
          s.connect(socket.getLocalSocketAddress(), 200);
          filling.add(s);
        } catch (java.io.IOException full) {
          s.close();
          break;
        }
      }
    }

    @Override
    public void close() throws java.io.IOException {
      for (Socket s : filling) {
        s.close();
      }
      socket.close();
    }
  }

  private static Resolver addresses(int... lastBytes) {
    return host -> {
      List<InetAddress> all = new ArrayList<>();
      for (int b : lastBytes) {
        all.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) b}));
      }
      return all;
    };
  }

  /** A handler for {@code feed.test} (resolved by the test's resolver) with one attempt of {@code timeout}. */
  private static Recorder stoppingAfterOneAttempt(TestServer server, Duration timeout) {
    Recorder r = new Recorder(ConnectionInfo.builder(java.net.URI.create("ws://feed.test:" + server.port() + "/echo"))
        .timeout(timeout));
    r.policy = e -> Result.stop();
    return r;
  }

  @Test
  void anAddressThatSwallowsTheConnectGetsOnlyItsShareOfTheTime() throws Exception {
    try (TestServer server = TestServer.start();
        Blackhole blackhole = new Blackhole(server.port());
        NovaClient client = NovaClient.builder().threads(1).resolver(addresses(2, 1)).build()) {
      Recorder r = stoppingAfterOneAttempt(server, Duration.ofSeconds(4));
      long start = System.nanoTime();
      Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(c.isOpen()).isTrue();
      assertThat(took).as("the first address had half of the 4 s, the second the rest")
          .isLessThan(Duration.ofMillis(3500));
      c.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void whenEveryAddressFailsTheLastFailureCarriesWhatTheEarlierOnesSaid() throws Exception {
    try (TestServer server = TestServer.start();
        Blackhole blackhole = new Blackhole(server.port());
        // 127.0.0.2 swallows the connect; nothing listens on 127.0.0.3, which refuses at once.
        NovaClient client = NovaClient.builder().threads(1).resolver(addresses(2, 3)).build()) {
      Recorder r = stoppingAfterOneAttempt(server, Duration.ofSeconds(2));
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
          () -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS)).getCause();
      assertThat(failure).as("the refusal of the last address").isInstanceOf(java.net.ConnectException.class);
      assertThat(failure.getSuppressed()).hasSize(1);
      assertThat(failure.getSuppressed()[0]).isInstanceOf(io.netty.channel.ConnectTimeoutException.class)
          .hasMessageMatching("connection timed out after \\d+ ms: /127\\.0\\.0\\.2:" + server.port());
    }
  }
}
