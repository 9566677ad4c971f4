package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.TestServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS verifies the peer and its host name by default; each can be changed only explicitly. */
class TlsTest {
  private static X509Bundle localhostCert;
  private static X509Bundle otherCert;
  private static TestServer localhostServer;
  private static TestServer otherServer;
  private static NovaClient client;

  @BeforeAll
  static void start() throws Exception {
    localhostCert = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").ecp256()
        .setIsCertificateAuthority(true).buildSelfSigned();
    otherCert = new CertificateBuilder().subject("CN=other.example").addSanDnsName("other.example").ecp256()
        .setIsCertificateAuthority(true).buildSelfSigned();
    localhostServer = TestServer.start(serverContext(localhostCert), 0);
    otherServer = TestServer.start(serverContext(otherCert), 0);
    client = NovaClient.builder().threads(1).build();
  }

  private static SslContext serverContext(X509Bundle cert) throws Exception {
    return SslContextBuilder.forServer(cert.toKeyManagerFactory()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    localhostServer.close();
    otherServer.close();
    LeakRecorder.assertNoLeaks();
  }

  private static Recorder recorder(TestServer server, TlsOptions tls) {
    Recorder r = new Recorder(ConnectionInfo.builder(URI.create("wss://localhost:" + server.port() + "/echo")).tls(tls));
    r.policy = ErrorHandler.defaultHandler()::onError;
    return r;
  }

  @Test
  void anUntrustedCertificateIsRefusedByDefaultAndNotRetried() {
    Recorder r = recorder(localhostServer, TlsOptions.DEFAULT);

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(r.errors).hasSize(1);
    assertThat(r.errors.get(0).isRetriable()).isFalse();
  }

  @Test
  void theCertificateAsTrustMaterialIsAccepted() throws Exception {
    Recorder r = recorder(localhostServer, TlsOptions.builder().trust(localhostCert.getCertificate()).build());
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);

    c.sendText("over tls").get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("over tls");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused() {
    Recorder r = recorder(otherServer, TlsOptions.builder().trust(otherCert.getCertificate()).build());

    assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void anExpiredPinnedCertificateIsRefusedSayingSo() throws Exception {
    expectPinnedRefusal(java.time.Instant.now().minus(java.time.Duration.ofDays(30)),
        java.time.Instant.now().minus(java.time.Duration.ofDays(1)), "expired on");
  }

  @Test
  void aNotYetValidPinnedCertificateIsRefusedSayingSo() throws Exception {
    expectPinnedRefusal(java.time.Instant.now().plus(java.time.Duration.ofDays(1)),
        java.time.Instant.now().plus(java.time.Duration.ofDays(30)), "is not valid before");
  }

  private static void expectPinnedRefusal(java.time.Instant notBefore, java.time.Instant notAfter, String says)
      throws Exception {
    X509Bundle outOfDate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").ecp256()
        .setIsCertificateAuthority(true).notBefore(notBefore).notAfter(notAfter).buildSelfSigned();
    TestServer server = TestServer.start(serverContext(outOfDate), 0);
    try {
      Recorder r = recorder(server, TlsOptions.builder().trust(outOfDate.getCertificate()).build());
      assertThatThrownBy(() -> client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS))
          .hasStackTraceContaining("the pinned certificate CN=localhost")
          .hasStackTraceContaining(says);
      assertThat(r.errors.get(0).isRetriable()).as("a certificate out of date stays so").isFalse();
    } finally {
      server.close();
    }
  }

  @Test
  void theSniNameIsTheNameVerified() throws Exception {
    Recorder r = recorder(otherServer,
        TlsOptions.builder().trust(otherCert.getCertificate()).sniHostName("other.example").build());
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void hostnameVerificationGoesOffOnlyWhenSaidSo() throws Exception {
    Recorder r = recorder(otherServer,
        TlsOptions.builder().trust(otherCert.getCertificate()).insecureSkipHostnameVerification().build());
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void trustingAnyCertificateIsExplicit() throws Exception {
    Recorder r = recorder(localhostServer, TlsOptions.builder().insecureTrustAnyCertificate().build());
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
    c.close().get(10, TimeUnit.SECONDS);
  }
}
