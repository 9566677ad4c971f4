package io.wsnova.runtime;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A logical WebSocket connection: it outlives reconnects, so a handler may keep it. Every method is safe
 * to call from any thread.
 *
 * <p>Each send returns a future that completes when the frame has been written to the socket, or fails
 * with a {@link SendException} saying why it was not (not connected, closed, too large, outbound buffer
 * full): nothing is dropped silently. Every data frame passes through the handler's prepare frame
 * callback first.
 */
public interface Connection {

  /** This connection's id within its client, as logs and metrics show it: {@code ws-1}, {@code ws-2}... */
  String id();

  /**
   * The connection's name in logs and metrics: the one given with {@link Options.Builder#name(String)},
   * else the handler's class name ({@code Ticker} for a {@code Ticker} handler).
   */
  String name();

  /** Bytes waiting to be sent: queued sends and the socket buffer. Cheap, from any thread (for gauges). */
  long outboundBufferedBytes();

  /** Sends a text frame: {@code send(Frame.text(text))}. */
  default CompletableFuture<Void> sendText(String text) {
    return send(Frame.text(text));
  }

  /** Sends a binary frame: {@code send(Frame.binary(payload))}. */
  default CompletableFuture<Void> sendBinary(byte[] payload) {
    return send(Frame.binary(payload));
  }

  /** Sends a binary frame of the buffer's remaining bytes: {@code send(Frame.binary(payload))}. */
  default CompletableFuture<Void> sendBinary(ByteBuffer payload) {
    return send(Frame.binary(payload));
  }

  /** Sends {@code message} as a text frame of JSON, written by Jackson. */
  CompletableFuture<Void> sendJson(Object message);

  /** Sends a text or binary frame: {@code send(frame, SendOptions.DEFAULT)}. */
  default CompletableFuture<Void> send(Frame frame) {
    return send(frame, SendOptions.DEFAULT);
  }

  /** Sends a text or binary frame from the rate-limit bucket {@code options} names (or past limits, if urgent). */
  CompletableFuture<Void> send(Frame frame, SendOptions options);

  /** {@link #sendJson(Object)} with {@code options}. */
  default CompletableFuture<Void> sendJson(Object message, SendOptions options) {
    String json;
    try {
      json = io.wsnova.runtime.adapter.JsonCodec.write(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(Frame.text(json), options);
  }

  /**
   * Completes when the current connection is ready: upgraded, and the stage its on connect callback gave
   * (an authentication, say) completed. Renewed for each reconnect: after a disconnect it completes when
   * the next connection is ready. Fails when the connection stops, or with what the stage failed with.
   */
  CompletableFuture<Void> ready();

  /** The subscriptions sent again after every reconnect. */
  Subscriptions subscriptions();

  /** Runs tasks on this connection's event loop, one at a time with its callbacks: no locks needed. */
  java.util.concurrent.Executor executor();

  /**
   * Runs {@code task} after {@code delay}, on this connection's event loop; cancelled when the connection
   * drops ({@link TimerScope#CONNECTION}) or only when it stops ({@link TimerScope#SESSION}). A task that
   * throws goes to the ErrorHandler like a callback.
   */
  java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, java.time.Duration delay, TimerScope scope);

  /** {@link #schedule} every {@code period}, first after {@code initialDelay}; a throw does not end it. */
  java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable task, java.time.Duration initialDelay,
      java.time.Duration period, TimerScope scope);

  /**
   * Closes the current connection with {@code code} and {@code reason} and hands the decision to the
   * ErrorHandler, as a disconnect ({@link DisconnectReason.LocalClose}); unlike {@link #close}, which
   * stops for good. Completes when the current connection has closed (at once if none is open).
   */
  CompletableFuture<Void> drop(int code, String reason);

  /**
   * Sends a request and completes with its answer, matched by id ({@link Options.Builder#requests}; JSON-RPC
   * 2.0 by default). {@code request} is an object (written by Jackson), JSON text, or a
   * {@code JsonNode}; it must be a JSON object, and gets a fresh id. It goes through the prepare frame
   * callback like any send. The answer never reaches {@code @OnFrame}; its result is decoded into
   * {@code answerType} ({@code JsonNode} or {@code String} give it raw).
   *
   * <p>Fails with {@link RequestException} when the server answers with an error, with
   * {@link java.util.concurrent.TimeoutException} after the options' timeout (a late answer is logged
   * and dropped), with {@link DisconnectedException} when the connection ends first, and with
   * {@link SendException} when it cannot be sent (not connected, or
   * {@link SendException.Reason#TOO_MANY_REQUESTS}). Completes on the event loop.
   */
  default <T> CompletableFuture<T> request(Object request, Class<T> answerType) {
    return request(request, answerType, (java.time.Duration) null);
  }

  /** {@link #request(Object, Class)}, waiting at most {@code timeout} for the answer. */
  default <T> CompletableFuture<T> request(Object request, Class<T> answerType, java.time.Duration timeout) {
    return request(request, (java.lang.reflect.Type) answerType, timeout);
  }

  /** {@link #request(Object, Class)} for a generic answer type: {@code new TypeReference<List<Trade>>() {}}. */
  default <T> CompletableFuture<T> request(Object request, tools.jackson.core.type.TypeReference<T> answerType) {
    return request(request, answerType, null);
  }

  /** {@link #request(Object, tools.jackson.core.type.TypeReference)}, waiting at most {@code timeout}. */
  default <T> CompletableFuture<T> request(Object request, tools.jackson.core.type.TypeReference<T> answerType,
      java.time.Duration timeout) {
    return request(request, answerType.getType(), timeout);
  }

  /**
   * The request method the others call: {@code answerType} is the answer's Java type, {@code timeout}
   * {@code null} for the options' default. The caller chooses {@code T} to match {@code answerType}.
   */
  <T> CompletableFuture<T> request(Object request, java.lang.reflect.Type answerType, java.time.Duration timeout);

  /**
   * Flow control for bursts: completes when there is room to send again (no send queued, and the socket
   * buffer below the outbound limit, or back below half of it after reaching it), at once if there is
   * now. A send fails with {@link SendException.Reason#BUFFER_FULL} only when the limit is reached: the
   * peer reads slower than this side sends. On that failure, wait on this before sending more. Fails
   * with {@link SendException} when the connection is not open. Completes on the event loop.
   */
  CompletableFuture<Void> whenWritable();

  /** Sends a ping now, with the payload of the handler's ping callback; its pong reaches on pong. */
  CompletableFuture<Void> ping();

  /**
   * Closes with {@code code} and {@code reason} and never reconnects; the returned future is
   * {@link #closeFuture()}.
   */
  CompletableFuture<DisconnectReason> close(int code, String reason);

  /** {@link #close(int, String)} with 1000 (normal closure). */
  default CompletableFuture<DisconnectReason> close() {
    return close(CloseCodes.NORMAL, "");
  }

  /** A snapshot of this connection, with the handler's status callback's value in it. */
  CompletableFuture<ConnectionStatus> status();

  /** Completes, with the reason of the last disconnect, once this connection has stopped for good. */
  CompletableFuture<DisconnectReason> closeFuture();

  /** Whether a WebSocket is open right now. */
  boolean isOpen();

  /** How many times an upgrade has succeeded: 1 during the first connection, 2 after the first reconnect... */
  int connectCount();

  /** Whether the current (or last) connection is a reconnect, not the first. */
  default boolean isReconnect() {
    return connectCount() > 1;
  }

  /** The subprotocol the server chose, or {@code null}. */
  String subprotocol();

  /** The connection info of the current (or last) attempt, or {@code null} before the first. */
  ConnectionInfo info();
}
