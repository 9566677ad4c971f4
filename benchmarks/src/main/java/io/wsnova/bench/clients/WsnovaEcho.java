package io.wsnova.bench.clients;

import io.wsnova.annotations.OnFrame;
import io.wsnova.bench.echo.EchoLoop;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** wsnova with an annotated handler: each echo is answered by returning the next message as a reply. */
public final class WsnovaEcho implements EchoClient {
  /** The user's handler. */
  public static class Handler {
    EchoLoop loop;
    String payload;

    @OnFrame
    String echo(String text) {
      return loop.received() ? payload : null;
    }
  }

  private NovaClient client;
  private Connection connection;

  @Override
  public String name() {
    return "wsnova";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    client = NovaClient.builder().threads(1).build();
    Handler handler = new Handler();
    handler.loop = loop;
    handler.payload = payload;
    connection = client.connect(handler, Options.builder().uri(uri).maxMessageSize(16 << 20).build())
        .get(10, TimeUnit.SECONDS);
  }

  @Override
  public void send(String payload) {
    connection.sendText(payload);
  }

  @Override
  public void close() {
    client.close();
  }
}
