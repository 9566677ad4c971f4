package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import org.glassfish.tyrus.client.ClientManager;

/** Tyrus, the Jakarta WebSocket reference implementation (async remote, one send in flight). */
public final class TyrusEcho implements EchoClient {
  private ClientManager manager;
  private Session session;
  private SerialSender sender;

  @Override
  public String name() {
    return "Tyrus (Jakarta)";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    manager = ClientManager.createClient();
    sender = new SerialSender((text, done) -> session.getAsyncRemote().sendText(text, result -> done.run()));
    session = manager.connectToServer(new Endpoint() {
      @Override
      public void onOpen(Session s, EndpointConfig config) {
        s.setMaxTextMessageBufferSize(16 << 20);
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
          if (loop.received()) {
            sender.send(payload);
          }
        });
      }
    }, ClientEndpointConfig.Builder.create().build(), uri);
  }

  @Override
  public void send(String payload) {
    sender.send(payload);
  }

  @Override
  public void close() throws Exception {
    session.close();
    manager.shutdown();
  }
}
