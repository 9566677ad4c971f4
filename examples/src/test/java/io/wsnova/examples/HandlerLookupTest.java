package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnFrame;
import io.wsnova.examples.server.DemoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code connect} finds the generated adapter of package-private, nested and anonymous-subclass handlers. */
class HandlerLookupTest {

  /** Package-private and nested: its adapter is {@code HandlerLookupTest_QuietEchoConnectionHandler}. */
  static class QuietEcho {
    final CompletableFuture<String> heard = new CompletableFuture<>();

    @OnConnect
    String hello() {
      return "psst";
    }

    @OnFrame
    void heard(String text) {
      heard.complete(text);
    }
  }

  @Test
  void findsAdaptersOfPackagePrivateNestedAndAnonymousHandlers() throws Exception {
    try (DemoServer server = DemoServer.start(); NovaClient client = NovaClient.builder().threads(1).build()) {
      Options options = Options.builder().uri(server.uri("/echo")).build();
      QuietEcho nested = new QuietEcho();
      QuietEcho anonymous = new QuietEcho() {
        @Override
        String hello() {
          return "anonymous";
        }
      };

      Connection a = client.connect(nested, options).get(10, TimeUnit.SECONDS);
      Connection b = client.connect(anonymous, options).get(10, TimeUnit.SECONDS);

      assertThat(nested.heard.get(10, TimeUnit.SECONDS)).isEqualTo("psst");
      assertThat(anonymous.heard.get(10, TimeUnit.SECONDS)).isEqualTo("anonymous");
      a.close();
      b.close();
    }
  }
}
