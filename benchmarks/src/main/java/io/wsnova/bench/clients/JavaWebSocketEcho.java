package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** Java-WebSocket (org.java-websocket). */
public final class JavaWebSocketEcho implements EchoClient {
  private WebSocketClient client;

  @Override
  public String name() {
    return "Java-WebSocket";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    client = new WebSocketClient(uri) {
      @Override
      public void onOpen(ServerHandshake handshake) {}

      @Override
      public void onMessage(String message) {
        if (loop.received()) {
          send(payload);
        }
      }

      @Override
      public void onClose(int code, String reason, boolean remote) {}

      @Override
      public void onError(Exception ex) {
        ex.printStackTrace();
      }
    };
    client.setTcpNoDelay(true);
    if (!client.connectBlocking()) {
      throw new IllegalStateException("Java-WebSocket did not connect");
    }
  }

  @Override
  public void send(String payload) {
    client.send(payload);
  }

  @Override
  public void close() throws Exception {
    client.closeBlocking();
  }
}
