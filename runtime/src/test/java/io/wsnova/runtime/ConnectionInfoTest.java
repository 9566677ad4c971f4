package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionInfoTest {

  @Test
  void readsAWebSocketAddress() {
    ConnectionInfo info = ConnectionInfo.of("wss://example.com/v1/feed?key=a%20b");
    assertThat(info.host()).isEqualTo("example.com");
    assertThat(info.port()).isEqualTo(443);
    assertThat(info.path()).isEqualTo("/v1/feed?key=a%20b");
    assertThat(info.transport()).isEqualTo(Transport.TLS);
    assertThat(info.tls()).isEqualTo(TlsOptions.DEFAULT);
    assertThat(ConnectionInfo.of("ws://localhost").port()).isEqualTo(80);
    assertThat(ConnectionInfo.of("ws://localhost").path()).isEqualTo("/");
    assertThat(info.uri()).isEqualTo(URI.create("wss://example.com:443/v1/feed?key=a%20b"));
    ConnectionInfo v6 = ConnectionInfo.of("ws://[::1]:8080/x");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.uri()).isEqualTo(URI.create("ws://[::1]:8080/x"));
  }

  @Test
  void theDefaultConnectionInfoIsMadeOnceForTheOptionsAndSaysWhenTheAddressIsMissing() throws Exception {
    ConnectionHandler defaults = new ConnectionHandler() {};
    Options options = Options.builder().uri("ws://localhost:8080/feed").build();
    ConnectionInfo first = defaults.connectionInfo(options, null);
    assertThat(first.host()).isEqualTo("localhost");
    assertThat(first.port()).isEqualTo(8080);
    assertThat(defaults.connectionInfo(options, null)).as("shared by every attempt of every connection")
        .isSameAs(first);
    assertThatThrownBy(() -> defaults.connectionInfo(Options.builder().build(), null))
        .isInstanceOf(InvalidConnectionInfoException.class)
        .hasMessageContaining("uri")
        .hasMessageContaining("is missing: give Options.builder().uri(...)");
  }

  @Test
  void refusesInvalidValuesNamingTheField() {
    ConnectionInfo.Builder ok = ConnectionInfo.builder(URI.create("ws://localhost:8080/"));
    assertThatThrownBy(() -> ok.host("").build()).isInstanceOf(InvalidConnectionInfoException.class)
        .hasMessageContaining("host").extracting("field").isEqualTo("host");
    assertThatThrownBy(() -> ok.host("h").port(0).build()).extracting("field").isEqualTo("port");
    assertThatThrownBy(() -> ok.port(1).path("feed").build()).extracting("field").isEqualTo("path");
    assertThatThrownBy(() -> ok.path("/").timeout(Duration.ZERO).build()).extracting("field").isEqualTo("timeout");
    assertThatThrownBy(() -> ok.timeout(null).subprotocols("a b").build()).extracting("field").isEqualTo("subprotocols");
    assertThatThrownBy(() -> ok.subprotocols().header("X", "a\r\nb").build()).extracting("field").isEqualTo("headers");
    assertThatThrownBy(() -> ConnectionInfo.of("http://example.com/")).extracting("field").isEqualTo("transport");
    assertThatThrownBy(() -> ConnectionInfo.builder().host("h").port(1).build()).extracting("field")
        .isEqualTo("transport");
  }

  @Test
  void optionsHaveFiniteDefaults() {
    Options o = Options.defaults();
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
    assertThat(o.outboundBufferLimit()).isEqualTo(16 * 1024 * 1024);
    assertThat(o.stableAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.pongTimeout(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(Options.builder().value("region", "eu").build().value("region", String.class, "us")).isEqualTo("eu");
  }
}
