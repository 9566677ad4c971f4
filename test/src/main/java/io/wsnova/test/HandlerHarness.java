package io.wsnova.test;

import io.wsnova.runtime.Callback;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.InvalidConnectionInfoException;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.adapter.HandlerAdapters;
import io.wsnova.runtime.adapter.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Drives a handler (an annotated object or a {@link ConnectionHandler}) through a connection's life
 * without a network, on a {@link VirtualClock}: connect, feed it frames, pongs, a close or a lost
 * connection, move time for heartbeats, timers and request timeouts, and look at what it sent, how it
 * closed and what reached its {@link io.wsnova.runtime.ErrorHandler}.
 *
 * <pre>{@code
 * HandlerHarness h = HandlerHarness.of(new Ticker(), Options.builder().pingInterval(Duration.ofSeconds(5)).build());
 * h.connect();
 * assertThat(h.sentTexts()).containsExactly("{\"op\":\"subscribe\"}");
 * h.receiveText("{\"type\":\"tick\",\"price\":1}");
 * h.advance(Duration.ofSeconds(5));   // a heartbeat ping goes out
 * assertThat(h.sentPings()).hasSize(1);
 * }</pre>
 *
 * <p>It follows the runtime's rules: the handler's generated adapter (the one {@code NovaClient} would
 * use), the callbacks' allowed results ({@link Callback#check}), answers to requests matched before
 * routing, sends through the prepare frame callback, a callback that throws reported to the ErrorHandler
 * and the connection closed with 1011 unless it says carry on, the ErrorHandler asked after a disconnect
 * that was not a stop. Requests, subscriptions and timers are the runtime's own classes on the virtual
 * clock. What it leaves out: bytes on a wire (sizes, masking, fragmentation, UTF-8 checks), rate limits,
 * and the outbound buffer; the scripted server ({@link MockWebSocketServer}) covers those with the real
 * engine. A reconnect the ErrorHandler asks for is recorded in {@link #decisions()}; call
 * {@link #connect()} again to play it. Not thread-safe: drive it from the test's thread.
 */
public final class HandlerHarness {
  private final ConnectionHandler handler;
  private final Options options;
  private final VirtualClock clock = new VirtualClock();
  private final HarnessConnection connection;
  private final List<Frame> sent = new ArrayList<>();
  private final List<ErrorEvent> errors = new ArrayList<>();
  private final List<Result> decisions = new ArrayList<>();
  private final List<DisconnectReason> disconnects = new ArrayList<>();
  private final HarnessHeartbeat heartbeat;
  private boolean initialised;
  private boolean stopRequested;
  private Result pendingDecision;
  private long openedAt;
  /** Disconnects in a row after lives shorter than {@link Options#stableAfter()}, as the runtime counts them. */
  private int shortLivesInARow;

  private HandlerHarness(Object handler, Options options) {
    this.handler = HandlerAdapters.adapt(handler);
    this.options = options;
    this.connection = new HarnessConnection(this, this.handler, options, clock);
    this.heartbeat = new HarnessHeartbeat(this, clock, options);
  }

  /** Where a harness "connects" when neither the options nor the handler give an address. */
  public static final String NO_ADDRESS = "ws://harness.invalid/";

  /** A harness for {@code handler} with default options. */
  public static HandlerHarness of(Object handler) {
    return of(handler, Options.defaults());
  }

  /**
   * A harness for {@code handler} with {@code options} (the ErrorHandler among them); without an address
   * in them, {@link #NO_ADDRESS}, unless the handler gives its own.
   */
  public static HandlerHarness of(Object handler, Options options) {
    return new HandlerHarness(handler, options);
  }

  // ---------------------------------------------------------------- driving

  /**
   * Opens the connection: {@code init} (the first time only), the connection info, then the connect
   * callback. A pending result leaves the connection not ready until its stage completes.
   */
  public HandlerHarness connect() {
    if (connection.isOpen()) {
      throw new IllegalStateException("already connected: disconnect first");
    }
    stopRequested = false;
    if (!initialised) {
      initialised = true;
      call(Callback.INIT, () -> {
        handler.init(options, connection);
        return Result.ok();
      });
    }
    ConnectionInfo info = connectionInfo();
    connection.opened(info);
    openedAt = clock.nanoTime();
    heartbeat.start(info.pingInterval() != null ? info.pingInterval() : options.pingInterval());
    Result r = call(Callback.ON_CONNECT, () -> handler.onConnect(info, connection));
    apply(r);
    if (r instanceof Result.Pending pending) {
      pending.stage().whenComplete((v, failure) -> clock.execute(() -> {
        if (!connection.isOpen()) {
          return;
        }
        if (failure == null) {
          connection.becameReady();
        } else {
          callbackFailed(failure instanceof CompletionException ? failure.getCause() : failure);
        }
      }));
    } else if (connection.isOpen()) {
      connection.becameReady();
    }
    clock.runReady();
    return this;
  }

  private ConnectionInfo connectionInfo() {
    ConnectionInfo[] info = {ConnectionInfo.of(NO_ADDRESS)};
    call(Callback.CONNECTION_INFO, () -> {
      ConnectionInfo given;
      try {
        given = handler.connectionInfo(options, connection);
      } catch (InvalidConnectionInfoException e) {
        if (options.uri().isPresent()) {
          throw e;
        }
        // Only the address is missing, which a harness needs none of: the handler's info with a stand-in.
        given = handler.connectionInfo(options.toBuilder().uri(NO_ADDRESS).build(), connection);
      }
      if (given != null) {
        info[0] = given;
      }
      return Result.ok();
    });
    return info[0];
  }

  /** A text message from the server: an answer to a pending request completes it, anything else goes to the handler. */
  public HandlerHarness receiveText(String text) {
    requireOpen();
    if (!connection.answered(text)) {
      deliver(Frame.text(text));
    }
    clock.runReady();
    return this;
  }

  /** {@code message} written as JSON with the client's mapper, then as {@link #receiveText}. */
  public HandlerHarness receiveJson(Object message) {
    return receiveText(JsonCodec.write(message));
  }

  /** A binary message from the server. */
  public HandlerHarness receiveBinary(byte[] payload) {
    requireOpen();
    deliver(Frame.binary(payload));
    clock.runReady();
    return this;
  }

  /** A ping from the server: answered with a pong (see {@link #sent()}), then shown to the handler. */
  public HandlerHarness receivePing(byte[] payload) {
    requireOpen();
    sent.add(Frame.pong(payload));
    deliver(Frame.ping(payload));
    clock.runReady();
    return this;
  }

  /** A pong from the server; one that answers a heartbeat ping carries its round trip on the virtual clock. */
  public HandlerHarness receivePong(byte[] payload) {
    requireOpen();
    Duration rtt = heartbeat.pongReceived(payload);
    call(Callback.ON_PONG, () -> {
      handler.onPong(payload, rtt, connection);
      return Result.ok();
    });
    clock.runReady();
    return this;
  }

  /**
   * The server closes with {@code code} and {@code reason}: the handler sees the close frame, the close is
   * echoed, and the connection ends with {@link DisconnectReason.Closed}.
   */
  public HandlerHarness receiveClose(int code, String reason) {
    requireOpen();
    deliver(Frame.close(code, reason));
    if (connection.isOpen()) {
      sent.add(Frame.close(code, reason));
      disconnected(new DisconnectReason.Closed(code, reason));
    }
    clock.runReady();
    return this;
  }

  /** The TCP connection is lost without a close frame. */
  public HandlerHarness dropConnection() {
    requireOpen();
    disconnected(new DisconnectReason.TransportError(new java.io.IOException("connection lost (harness)")));
    clock.runReady();
    return this;
  }

  /** Moves the virtual clock: heartbeats, timers, request timeouts and pending stages that fall due run. */
  public HandlerHarness advance(Duration step) {
    clock.advance(step);
    return this;
  }

  // ---------------------------------------------------------------- inspecting

  /** Every frame the handler sent, in order, as the server would see it (after the prepare frame callback). */
  public List<Frame> sent() {
    return List.copyOf(sent);
  }

  /** The text of every text message sent. */
  public List<String> sentTexts() {
    return sent.stream().filter(f -> f.type() == io.wsnova.runtime.FrameType.TEXT).map(Frame::text)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Every ping sent (heartbeats and {@code connection.ping()}). */
  public List<Frame> sentPings() {
    return sent.stream().filter(f -> f.type() == io.wsnova.runtime.FrameType.PING).collect(Collectors.toUnmodifiableList());
  }

  /** Forgets what was sent so far, to look only at what comes next. */
  public HandlerHarness clearSent() {
    sent.clear();
    return this;
  }

  /** The close frame this side sent, if it closed. */
  public Optional<Frame> closeSent() {
    return sent.stream().filter(f -> f.type() == io.wsnova.runtime.FrameType.CLOSE).reduce((a, b) -> b);
  }

  /** What reached the ErrorHandler, in order. */
  public List<ErrorEvent> errors() {
    return List.copyOf(errors);
  }

  /** The ErrorHandler's answers, in order (a {@link Result.Reconnect} is not played: call {@link #connect()}). */
  public List<Result> decisions() {
    return List.copyOf(decisions);
  }

  /** Why each connection ended, in order. */
  public List<DisconnectReason> disconnects() {
    return List.copyOf(disconnects);
  }

  /** The connection the handler is given. */
  public io.wsnova.runtime.Connection connection() {
    return connection;
  }

  /** The clock; {@link #advance} moves it. */
  public VirtualClock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- the runtime's rules

  private void deliver(Frame frame) {
    apply(call(Callback.ON_FRAME, () -> handler.onFrame(frame, connection)));
  }

  private void apply(Result r) {
    if (!connection.isOpen()) {
      return;
    }
    if (r instanceof Result.Reply reply) {
      connection.send(reply.frame()).whenComplete((v, failure) -> {
        if (failure != null) {
          callbackFailed(failure instanceof CompletionException ? failure.getCause() : failure);
        }
      });
    } else if (r instanceof Result.Close close) {
      closeLocally(close.code(), close.reason());
    } else if (r instanceof Result.Stop stop) {
      stopRequested = true;
      closeLocally(CloseCodes.NORMAL, stop.reason());
    }
  }

  interface Body {
    Result get() throws Exception;
  }

  /** Runs a callback; a throw or a result it may not give goes to the ErrorHandler, and yields ok. */
  Result call(Callback callback, Body body) {
    try {
      return callback.check(body.get());
    } catch (Exception | LinkageError | AssertionError e) {
      callbackFailed(e);
      return Result.ok();
    }
  }

  /** As the runtime: the ErrorHandler decides; anything but ok closes an open connection with 1011. */
  void callbackFailed(Throwable t) {
    boolean live = connection.isOpen();
    Result r = ask(new ErrorEvent(ErrorEvent.Kind.CALLBACK_FAILED, 0, live, null, t, null, 0));
    if (r instanceof Result.Ok && live) {
      return;
    }
    if (!live) {
      stopRequested |= r instanceof Result.Stop;
      return;
    }
    if (r instanceof Result.Reconnect) {
      pendingDecision = r;
    } else {
      stopRequested = true;
    }
    closeLocally(CloseCodes.INTERNAL_ERROR, "callback failed");
  }

  /** This side closes: the close frame goes out and the harness plays a server that answers at once. */
  void closeLocally(int code, String reason) {
    Result.Close validated = Result.close(code, reason);
    sent.add(Frame.close(validated.code(), validated.reason()));
    disconnected(new DisconnectReason.LocalClose(validated.code(), validated.reason()));
  }

  /** The user called {@code connection.close}: a stop. */
  void stopRequested() {
    stopRequested = true;
  }

  void heartbeatPing(byte[] payload) {
    sent.add(Frame.ping(payload));
  }

  void recordSent(Frame frame) {
    sent.add(frame);
  }

  void disconnected(DisconnectReason reason) {
    if (!connection.isOpen()) {
      return;
    }
    heartbeat.stop();
    connection.closed(reason);
    disconnects.add(reason);
    Result r = call(Callback.ON_DISCONNECT, () -> handler.onDisconnect(reason, connection));
    if (stopRequested || r instanceof Result.Stop) {
      connection.stopped(reason);
      return;
    }
    Result decided = pendingDecision;
    pendingDecision = null;
    if (decided == null) {
      Duration lived = Duration.ofNanos(clock.nanoTime() - openedAt);
      shortLivesInARow = lived.compareTo(options.stableAfter()) < 0 ? shortLivesInARow + 1 : 0;
      decided = ask(new ErrorEvent(ErrorEvent.Kind.DISCONNECTED, shortLivesInARow, false, reason, null, lived,
          shortLivesInARow));
    }
    if (!(decided instanceof Result.Reconnect)) {
      connection.stopped(reason);
    }
  }

  private Result ask(ErrorEvent event) {
    errors.add(event);
    Result decision;
    try {
      decision = options.errorHandler().onError(event);
    } catch (RuntimeException e) {
      decision = Result.stop("the ErrorHandler threw " + e.getClass().getSimpleName());
    }
    decisions.add(decision);
    return decision;
  }

  private void requireOpen() {
    if (!connection.isOpen()) {
      throw new IllegalStateException("not connected: call connect() first" + (disconnects.isEmpty() ? ""
          : " (the last connection ended: " + disconnects.get(disconnects.size() - 1) + ")"));
    }
  }
}
