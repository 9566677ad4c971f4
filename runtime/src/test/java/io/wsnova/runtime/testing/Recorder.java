package io.wsnova.runtime.testing;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.ErrorHandler;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A hand-written {@link ConnectionHandler} and {@link ErrorHandler} that record every callback, for
 * tests to wait on. Callbacks run on the event loop; tests read from other threads through the queue.
 */
public class Recorder implements ConnectionHandler, ErrorHandler {
  /** A pong as on pong saw it. */
  public record Pong(String payload, Duration roundTrip) {}

  /** On connect ran; {@code connectCount} as the connection told it. */
  public record Connected(int connectCount, String subprotocol) {}

  public final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  public final List<ErrorEvent> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private final ConnectionInfo.Builder info;
  /** What on frame does with each data frame; by default nothing. */
  public volatile Function<Frame, Result> onData = f -> Result.ok();
  public volatile Function<Connection, Result> onOpen = c -> Result.ok();
  public volatile UnaryOperator<Frame> prepare = f -> f;
  public volatile Function<ErrorEvent, Result> policy =
      e -> e.isRetriable() && e.kind() != ErrorEvent.Kind.CALLBACK_FAILED ? Result.reconnect(Duration.ofMillis(50))
          : e.kind() == ErrorEvent.Kind.CALLBACK_FAILED && e.connectionOpen() ? Result.ok() : Result.stop();

  public Recorder(URI uri) {
    this.info = ConnectionInfo.builder(uri).timeout(Duration.ofSeconds(5));
  }

  public Recorder(ConnectionInfo.Builder info) {
    this.info = info;
  }

  public Options.Builder options() {
    return Options.builder().errorHandler(this);
  }

  @Override
  public ConnectionInfo connectionInfo(Options options, Connection connection) {
    return info.build();
  }

  @Override
  public Result onConnect(ConnectionInfo i, Connection connection) {
    events.add(new Connected(connection.connectCount(), connection.subprotocol()));
    return onOpen.apply(connection);
  }

  @Override
  public Result onFrame(Frame frame, Connection connection) {
    events.add(frame);
    return frame.type().isData() ? onData.apply(frame) : Result.ok();
  }

  @Override
  public Frame prepareFrame(Frame frame, Connection connection) {
    return prepare.apply(frame);
  }

  @Override
  public void onPong(byte[] payload, Duration roundTrip, Connection connection) {
    events.add(new Pong(new String(payload, java.nio.charset.StandardCharsets.UTF_8), roundTrip));
  }

  @Override
  public Result onDisconnect(DisconnectReason reason, Connection connection) {
    events.add(reason);
    return Result.ok();
  }

  @Override
  public Result onTimeout(DisconnectReason.Timeout timeout, ConnectionInfo i, Connection connection) {
    events.add(timeout);
    return Result.ok();
  }

  @Override
  public Result onError(ErrorEvent event) {
    errors.add(event);
    events.add(event);
    return policy.apply(event);
  }

  /** The next event of {@code type}, skipping others; fails after 10 seconds. */
  public <T> T next(Class<T> type) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Object> skipped = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        Object e = events.poll(100, TimeUnit.MILLISECONDS);
        if (type.isInstance(e)) {
          return type.cast(e);
        }
        if (e != null) {
          skipped.add(e);
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new AssertionError(ex);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s; saw " + skipped);
  }

  /** The next data frame of {@code type}. */
  public Frame nextData(FrameType type) {
    while (true) {
      Frame f = next(Frame.class);
      if (f.type() == type) {
        return f;
      }
    }
  }
}
