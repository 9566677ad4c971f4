package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.net.URI;

/**
 * One WebSocket client library under test, driven the same way: connect, send a window of text
 * messages, and on every echo let the {@link EchoLoop} decide whether to send the next one.
 */
public interface EchoClient extends AutoCloseable {
  String name();

  /** Connects to {@code uri}; returns once the connection is open. */
  void connect(URI uri, String payload, EchoLoop loop) throws Exception;

  /** Sends {@code payload} once (the loop has recorded the send). Safe from any thread. */
  void send(String payload) throws Exception;

  @Override
  void close() throws Exception;
}
