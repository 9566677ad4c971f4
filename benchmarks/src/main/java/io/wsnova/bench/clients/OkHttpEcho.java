package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** OkHttp's WebSocket. */
public final class OkHttpEcho implements EchoClient {
  private OkHttpClient http;
  private WebSocket socket;

  @Override
  public String name() {
    return "OkHttp";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    http = new OkHttpClient.Builder().build();
    CompletableFuture<Void> open = new CompletableFuture<>();
    socket = http.newWebSocket(new Request.Builder().url(uri.toString().replaceFirst("^ws", "http")).build(),
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            open.complete(null);
          }

          @Override
          public void onMessage(WebSocket ws, String text) {
            if (loop.received()) {
              ws.send(payload);
            }
          }

          @Override
          public void onFailure(WebSocket ws, Throwable t, Response response) {
            open.completeExceptionally(t);
          }
        });
    open.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void send(String payload) {
    socket.send(payload);
  }

  @Override
  public void close() {
    socket.close(1000, "");
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
