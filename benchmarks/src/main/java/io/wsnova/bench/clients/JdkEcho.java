package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code java.net.http} WebSocket (one send in flight at a time, so sends are queued). */
public final class JdkEcho implements EchoClient {
  private HttpClient http;
  private WebSocket socket;
  private SerialSender sender;

  @Override
  public String name() {
    return "JDK java.net.http";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    http = HttpClient.newHttpClient();
    sender = new SerialSender((text, done) -> socket.sendText(text, true).whenComplete((ws, e) -> done.run()));
    socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!last) {
          partial.append(data);
        } else {
          partial.setLength(0);
          if (loop.received()) {
            sender.send(payload);
          }
        }
        ws.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void send(String payload) {
    sender.send(payload);
  }

  @Override
  public void close() throws Exception {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    socket.abort();
  }
}
