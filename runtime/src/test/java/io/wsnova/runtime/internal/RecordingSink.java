package io.wsnova.runtime.internal;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsnova.runtime.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records every event as a line of text. */
final class RecordingSink implements FrameDispatcher.Sink {
  final List<String> events = new ArrayList<>();
  final List<WebSocketFrame> pongs = new ArrayList<>();
  /** The messages of the protocol errors, in order. */
  final List<String> problems = new ArrayList<>();

  @Override
  public void inbound(Attempt a, Frame frame, int size) {
    events.add(frame.type() + " " + (frame.text() != null ? frame.text() : frame.bytes().length + " bytes") + " size "
        + size);
  }

  @Override
  public void ping(Attempt a, WebSocketFrame pong, byte[] payload) {
    pongs.add(pong);
    events.add("ping " + new String(payload, StandardCharsets.UTF_8));
  }

  @Override
  public void pong(Attempt a, byte[] payload) {
    events.add("pong " + new String(payload, StandardCharsets.UTF_8));
  }

  @Override
  public void peerClosed(Attempt a, int code, String reason) {
    events.add("closed " + code + " " + reason);
  }

  @Override
  public void protocolError(Attempt a, int code, String message) {
    events.add("protocol error " + code);
    problems.add(message);
    a.phase = Attempt.Phase.CLOSED;
  }

  @Override
  public void transportError(Attempt a, Throwable cause) {
    events.add("transport error " + cause);
  }

  @Override
  public void writabilityChanged(Attempt a) {}

  @Override
  public void flushIfPending(Attempt a) {}

  @Override
  public void channelClosed(Attempt a) {
    events.add("channel closed");
  }
}
