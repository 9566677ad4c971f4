package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Jetty 12's WebSocket client (one send in flight at a time, so sends are queued). */
public final class JettyEcho implements EchoClient {
  private WebSocketClient client;
  private Session session;
  private SerialSender sender;

  @Override
  public String name() {
    return "Jetty 12";
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    client = new WebSocketClient();
    client.setMaxTextMessageSize(16 << 20);
    client.start();
    sender = new SerialSender((text, done) -> session.sendText(text, Callback.from(done, e -> done.run())));
    session = client.connect(new Listener(loop, sender, payload), uri).get(10, TimeUnit.SECONDS);
  }

  /** Jetty finds listener methods by reflection: the class must be public. */
  public static final class Listener implements Session.Listener.AutoDemanding {
    private final EchoLoop loop;
    private final SerialSender sender;
    private final String payload;

    Listener(EchoLoop loop, SerialSender sender, String payload) {
      this.loop = loop;
      this.sender = sender;
      this.payload = payload;
    }

    @Override
    public void onWebSocketText(String message) {
      if (loop.received()) {
        sender.send(payload);
      }
    }
  }

  @Override
  public void send(String payload) {
    sender.send(payload);
  }

  @Override
  public void close() throws Exception {
    session.close();
    client.stop();
  }
}
