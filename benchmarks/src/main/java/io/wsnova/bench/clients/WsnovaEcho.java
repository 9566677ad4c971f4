package io.wsnova.bench.clients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsnova.micrometer.WsnovaMetrics;
import io.wsnova.annotations.OnFrame;
import io.wsnova.bench.echo.EchoLoop;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * wsnova with an annotated handler: each echo is answered by returning the next message as a reply, or
 * (the {@code send} variant) by {@code connection.sendText} from inside {@code @OnFrame}, the usual way
 * to answer; the {@code metrics} variant has wsnova-micrometer bound to a registry.
 */
public final class WsnovaEcho implements EchoClient {
  /** The user's handler, answering with a reply. */
  public static class Handler {
    EchoLoop loop;
    String payload;

    @OnFrame
    String echo(String text) {
      return loop.received() ? payload : null;
    }
  }

  /** The user's handler, answering with a send. */
  public static class SendingHandler {
    EchoLoop loop;
    String payload;

    @OnFrame
    void echo(String text, Connection connection) {
      if (loop.received()) {
        connection.sendText(payload);
      }
    }
  }

  private final boolean sending;
  private final boolean metrics;
  private NovaClient client;
  private Connection connection;

  public WsnovaEcho() {
    this(false, false);
  }

  private WsnovaEcho(boolean sending, boolean metrics) {
    this.sending = sending;
    this.metrics = metrics;
  }

  /** Answers by {@code connection.sendText} from inside {@code @OnFrame}. */
  public static WsnovaEcho sending() {
    return new WsnovaEcho(true, false);
  }

  /** Answers by reply, with wsnova-micrometer bound to a {@code SimpleMeterRegistry}. */
  public static WsnovaEcho withMetrics() {
    return new WsnovaEcho(false, true);
  }

  @Override
  public String name() {
    return "wsnova" + (sending ? " (send)" : "") + (metrics ? " + metrics" : "");
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    NovaClient.Builder builder = NovaClient.builder().threads(1);
    if (metrics) {
      builder.listener(new WsnovaMetrics(new SimpleMeterRegistry()));
    }
    client = builder.build();
    Object handler;
    if (sending) {
      SendingHandler h = new SendingHandler();
      h.loop = loop;
      h.payload = payload;
      handler = h;
    } else {
      Handler h = new Handler();
      h.loop = loop;
      h.payload = payload;
      handler = h;
    }
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
