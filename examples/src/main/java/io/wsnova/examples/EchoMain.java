package io.wsnova.examples;

import io.wsnova.examples.server.DemoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.util.concurrent.TimeUnit;

/** Runs {@link Echo} against the embedded server, or against {@code --url ws://...}. */
public final class EchoMain {
  private EchoMain() {}

  public static void main(String[] args) throws Exception {
    String url = Args.url(args);
    try (DemoServer server = url == null ? DemoServer.start() : null;
        NovaClient client = NovaClient.create()) {
      String address = url != null ? url : server.uri("/echo").toString();
      Echo echo = new Echo();
      Connection connection = client.connect(echo, Options.builder().uri(address).build()).get(15, TimeUnit.SECONDS);
      echo.reply.get(15, TimeUnit.SECONDS);
      connection.close().get(15, TimeUnit.SECONDS);
    }
  }
}
