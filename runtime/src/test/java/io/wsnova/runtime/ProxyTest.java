package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.wsnova.runtime.testing.CapturedLogs;
import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestProxy;
import io.wsnova.runtime.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections through HTTP CONNECT and SOCKS5 proxies (in-process ones that record what they were asked
 * for), with and without TLS inside the tunnel; refusals say what the proxy answered, and refused
 * credentials are not retried.
 */
class ProxyTest {
  private static final String SECRET = "s3cret-pa55";
  private static X509Bundle cert;
  private static TestServer plain;
  private static TestServer tls;
  private static NovaClient client;

  @BeforeAll
  static void start() throws Exception {
    cert = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").ecp256()
        .setIsCertificateAuthority(true).buildSelfSigned();
    plain = TestServer.start();
    tls = TestServer.start(SslContextBuilder.forServer(cert.toKeyManagerFactory()).build(), 0);
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    plain.close();
    tls.close();
    LeakRecorder.assertNoLeaks();
  }

  private static Recorder plainEcho() {
    return new Recorder(URI.create("ws://localhost:" + plain.port() + "/echo"));
  }

  private static Recorder tlsEcho() {
    return new Recorder(ConnectionInfo.builder(URI.create("wss://localhost:" + tls.port() + "/echo"))
        .tls(TlsOptions.builder().trust(cert.getCertificate()).build()));
  }

  private static void echoes(Recorder r, ProxyOptions proxy) throws Exception {
    Connection c = client.connect(r, r.options().proxy(proxy).build()).get(10, TimeUnit.SECONDS);
    c.sendText("through the tunnel").get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("through the tunnel");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void plainWebSocketThroughAnHttpProxyWithBasicAuthentication() throws Exception {
    try (TestProxy proxy = TestProxy.http("me", SECRET)) {
      echoes(plainEcho(), ProxyOptions.http("127.0.0.1", proxy.port()).credentials("me", SECRET));

      assertThat(proxy.targets).containsExactly("localhost:" + plain.port()); // the proxy resolved the name
      assertThat(proxy.tunnels).hasValue(1);
    }
  }

  @Test
  void tlsInsideAnHttpTunnelVerifiesTheServer() throws Exception {
    try (TestProxy proxy = TestProxy.http(null, null)) {
      echoes(tlsEcho(), ProxyOptions.http("localhost", proxy.port()));
      assertThat(proxy.tunnels).hasValue(1);

      // Through the tunnel, an untrusted certificate is refused as it is without a proxy.
      Recorder untrusted = new Recorder(URI.create("wss://localhost:" + tls.port() + "/echo"));
      assertThatThrownBy(() -> client.connect(untrusted, untrusted.options()
          .proxy(ProxyOptions.http("localhost", proxy.port())).build()).get(10, TimeUnit.SECONDS))
          .cause().isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void plainAndTlsWebSocketsThroughASocks5ProxyWithAndWithoutAPassword() throws Exception {
    try (TestProxy open = TestProxy.socks5(null, null); TestProxy guarded = TestProxy.socks5("me", SECRET)) {
      echoes(plainEcho(), ProxyOptions.socks5("127.0.0.1", open.port()));
      echoes(tlsEcho(), ProxyOptions.socks5("127.0.0.1", guarded.port()).credentials("me", SECRET));

      assertThat(open.targets).containsExactly("localhost:" + plain.port());
      assertThat(guarded.targets).containsExactly("localhost:" + tls.port());
      assertThat(open.tunnels).hasValue(1);
      assertThat(guarded.tunnels).hasValue(1);
    }
  }

  @Test
  void anHttpProxyThatRefusesTheCredentialsFailsWithItsAnswerAndIsNotRetried() throws Exception {
    CapturedLogs.clear();
    try (TestProxy proxy = TestProxy.http("me", SECRET)) {
      Recorder r = plainEcho();
      r.policy = ErrorHandler.defaultHandler()::onError;
      ProxyOptions wrong = ProxyOptions.http("127.0.0.1", proxy.port()).credentials("me", "not-" + SECRET);

      assertThatThrownBy(() -> client.connect(r, r.options().proxy(wrong).build()).get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(ProxyRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(407);
            assertThat(e.kind()).isEqualTo(ProxyOptions.Kind.HTTP);
            assertThat(e.isAuthenticationFailure()).isTrue();
            assertThat(e.getMessage()).contains("407").contains("check the credentials");
          });
      assertThat(r.errors).hasSize(1);
      assertThat(r.errors.get(0).isRetriable()).isFalse();
      assertThat(proxy.tunnels).hasValue(0);
    }
    assertThat(CapturedLogs.lines()).noneMatch(l -> String.valueOf(l.message()).contains(SECRET));
    assertThat(ProxyOptions.http("p", 1).credentials("me", SECRET).toString()).doesNotContain(SECRET).contains("me");
  }

  @Test
  void credentialsMissingForAnHttpProxySayHowToGiveThem() {
    try (TestProxy proxy = TestProxy.http("me", SECRET)) {
      Recorder r = plainEcho();
      r.policy = ErrorHandler.defaultHandler()::onError;

      assertThatThrownBy(() -> client.connect(r, r.options().proxy(ProxyOptions.http("127.0.0.1", proxy.port()))
          .build()).get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(ProxyRefusedException.class)
          .hasMessageContaining("ProxyOptions.credentials");
    }
  }

  @Test
  void aSocks5ProxyThatRefusesTheCredentialsOrWantsSomeIsNotRetried() {
    try (TestProxy proxy = TestProxy.socks5("me", SECRET)) {
      for (ProxyOptions options : List.of(ProxyOptions.socks5("127.0.0.1", proxy.port()).credentials("me", "wrong"),
          ProxyOptions.socks5("127.0.0.1", proxy.port()))) {
        Recorder r = plainEcho();
        r.policy = ErrorHandler.defaultHandler()::onError;

        assertThatThrownBy(() -> client.connect(r, r.options().proxy(options).build()).get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(ProxyRefusedException.class, e -> {
              assertThat(e.kind()).isEqualTo(ProxyOptions.Kind.SOCKS5);
              assertThat(e.isAuthenticationFailure()).isTrue();
              assertThat(e.getMessage()).contains("refused the authentication");
            });
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).isRetriable()).isFalse();
      }
      assertThat(proxy.tunnels).hasValue(0);
    }
  }

  @Test
  void aTargetTheProxyCannotReachIsARetriableRefusal() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (TestProxy http = TestProxy.http(null, null); TestProxy socks = TestProxy.socks5(null, null)) {
      for (ProxyOptions options : List.of(ProxyOptions.http("127.0.0.1", http.port()),
          ProxyOptions.socks5("127.0.0.1", socks.port()))) {
        Recorder r = new Recorder(URI.create("ws://localhost:" + closedPort + "/echo"));
        r.policy = e -> Result.stop();

        assertThatThrownBy(() -> client.connect(r, r.options().proxy(options).build()).get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(ProxyRefusedException.class, e -> {
              assertThat(e.isAuthenticationFailure()).isFalse();
              assertThat(e.status()).isEqualTo(options.kind() == ProxyOptions.Kind.HTTP ? 502 : 0);
            });
        assertThat(r.errors.get(0).isRetriable()).isTrue();
      }
    }
  }

  @Test
  void theSystemProxySelectorIsAskedForEachAttemptWhenTheUserSaysSo() throws Exception {
    ProxySelector original = ProxySelector.getDefault();
    try (TestProxy proxy = TestProxy.http(null, null)) {
      List<URI> asked = new CopyOnWriteArrayList<>();
      ProxySelector.setDefault(new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
          asked.add(uri);
          return uri.getPort() == tls.port()
              ? List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", proxy.port())))
              : List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
      });

      echoes(tlsEcho(), ProxyOptions.system());
      assertThat(proxy.tunnels).hasValue(1);
      assertThat(asked).contains(URI.create("https://localhost:" + tls.port()));

      echoes(plainEcho(), ProxyOptions.system()); // the selector says no proxy: direct
      assertThat(proxy.tunnels).hasValue(1);
      assertThat(asked).contains(URI.create("http://localhost:" + plain.port()),
          URI.create("socket://localhost:" + plain.port()));

      echoes(plainEcho(), null); // without ProxyOptions.system() the selector is not asked
      assertThat(asked).hasSize(3);
    } finally {
      ProxySelector.setDefault(original);
    }
  }

  @Test
  void proxyOptionsRefuseWhatNoProxyCouldUse() {
    assertThatThrownBy(() -> ProxyOptions.http(" ", 8080)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> ProxyOptions.socks5("p", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> ProxyOptions.socks5("p", 1080).credentials("u".repeat(256), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255 bytes");
    assertThat(ProxyOptions.http("p", 3128).credentials("u".repeat(256), "x").username()).hasSize(256);
    assertThat(ProxyOptions.system().credentials("me", SECRET).toString()).isEqualTo("system proxy (as me)");
  }
}
