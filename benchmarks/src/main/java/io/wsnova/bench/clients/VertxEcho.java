package io.wsnova.bench.clients;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Vert.x 5's WebSocket client (also on Netty). */
public final class VertxEcho implements EchoClient {
  private Vertx vertx;
  private WebSocket socket;

  @Override
  public String name() {
    return "Vert.x 5";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxMessageSize(16 << 20).setMaxFrameSize(16 << 20).setTcpNoDelay(true));
    socket = client.connect(uri.getPort(), uri.getHost(), uri.getPath())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> {
      if (loop.received()) {
        socket.writeTextMessage(payload);
      }
    });
  }

  @Override
  public void send(String payload) {
    socket.writeTextMessage(payload);
  }

  @Override
  public void close() throws Exception {
    socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
