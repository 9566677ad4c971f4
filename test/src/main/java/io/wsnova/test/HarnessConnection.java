package io.wsnova.test;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.DisconnectedException;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.RequestOptions;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.SendOptions;
import io.wsnova.runtime.Subscriptions;
import io.wsnova.runtime.TimerScope;
import io.wsnova.runtime.adapter.JsonCodec;
import io.wsnova.runtime.internal.session.ConnectionTimers;
import io.wsnova.runtime.internal.session.RequestTracker;
import io.wsnova.runtime.internal.session.SubscriptionRegistry;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import tools.jackson.databind.JsonNode;

/**
 * The {@link Connection} a harnessed handler is given. Requests, subscriptions and timers are the
 * runtime's own session classes on the virtual clock; sends go through the handler's prepare frame
 * callback into the harness's record of what was sent.
 */
final class HarnessConnection implements Connection {
  private final HandlerHarness harness;
  private final ConnectionHandler handler;
  private final Options options;
  private final VirtualClock clock;
  private final RequestTracker requests;
  private final SubscriptionRegistry subscriptions;
  private final ConnectionTimers timers;
  private ConnectionInfo info;
  private boolean open;
  private boolean stopped;
  private int connectCount;
  private CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<DisconnectReason> closeFuture = new CompletableFuture<>();
  private DisconnectReason lastDisconnect;

  HarnessConnection(HandlerHarness harness, ConnectionHandler handler, Options options, VirtualClock clock) {
    this.harness = harness;
    this.handler = handler;
    this.options = options;
    this.clock = clock;
    RequestOptions requestOptions = handler.requestOptions(options);
    this.requests = new RequestTracker(requestOptions != null ? requestOptions : options.requests(), clock,
        JsonCodec.mapper(), this::sendText, late -> {});
    this.timers = new ConnectionTimers(clock, harness::callbackFailed);
    this.subscriptions = new SubscriptionRegistry(new SubscriptionRegistry.Wire() {
      @Override
      public CompletableFuture<Void> send(Object message) {
        if (message instanceof String text) {
          return sendText(text);
        }
        if (message instanceof byte[] bytes) {
          return sendBinary(bytes);
        }
        return message instanceof Frame frame ? send(frame) : sendJson(message);
      }

      @Override
      public CompletableFuture<JsonNode> request(Object request) {
        return HarnessConnection.this.request(request, JsonNode.class, null);
      }

      @Override
      public boolean isReady() {
        return open && ready.isDone() && !ready.isCompletedExceptionally();
      }

      @Override
      public void refused(String key, Throwable cause) {
        harness.callbackFailed(new IllegalStateException("subscription '" + key + "' was refused when sent again",
            cause));
      }
    }, clock);
  }

  // ---------------------------------------------------------------- told by the harness

  void opened(ConnectionInfo info) {
    this.info = info;
    open = true;
    connectCount++;
    if (ready.isDone()) {
      ready = new CompletableFuture<>();
    }
  }

  void becameReady() {
    ready.complete(null);
    subscriptions.replay();
  }

  boolean answered(String text) {
    return requests.offer(text);
  }

  void closed(DisconnectReason reason) {
    open = false;
    lastDisconnect = reason;
    requests.failAll(new DisconnectedException(reason));
    timers.connectionDropped();
  }

  void stopped(DisconnectReason reason) {
    stopped = true;
    requests.failAll(new DisconnectedException(reason));
    timers.stopped();
    closeFuture.complete(reason);
  }

  byte[] pingPayload() throws Exception {
    return handler.pingPayload(this);
  }

  // ---------------------------------------------------------------- Connection

  @Override
  public String id() {
    return "harness-1";
  }

  @Override
  public String name() {
    return options.name().orElse(handler.getClass().getSimpleName());
  }

  @Override
  public long outboundBufferedBytes() {
    return 0;
  }

  @Override
  public CompletableFuture<Void> sendJson(Object message) {
    return send(Frame.text(JsonCodec.write(message)));
  }

  @Override
  public CompletableFuture<Void> send(Frame frame, SendOptions sendOptions) {
    if (!open) {
      return CompletableFuture.failedFuture(stopped
          ? new SendException(SendException.Reason.CLOSED, "the connection is closed")
          : new SendException(SendException.Reason.NOT_CONNECTED, "the connection is not open"));
    }
    if (!frame.type().isData()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("send takes text or binary frames, not "
          + frame.type() + ": use ping() or close()"));
    }
    Frame prepared;
    try {
      prepared = handler.prepareFrame(frame, this);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    harness.recordSent(prepared != null ? prepared : frame);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  @Override
  public Executor executor() {
    return clock;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Duration delay, TimerScope scope) {
    return timers.schedule(task, delay, scope);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period,
      TimerScope scope) {
    return timers.scheduleAtFixedRate(task, initialDelay, period, scope);
  }

  @Override
  public CompletableFuture<Void> drop(int code, String reason) {
    if (open) {
      harness.closeLocally(code, reason);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public <T> CompletableFuture<T> request(Object request, Type answerType, Duration timeout) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    if (!open) {
      answer.completeExceptionally(new SendException(SendException.Reason.NOT_CONNECTED, "the connection is not open"));
      return answer;
    }
    requests.start(request, answerType, timeout, answer);
    return answer;
  }

  @Override
  public CompletableFuture<Void> whenWritable() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> ping() {
    if (!open) {
      return CompletableFuture.failedFuture(new SendException(SendException.Reason.NOT_CONNECTED, "not open"));
    }
    try {
      byte[] payload = handler.pingPayload(this);
      harness.heartbeatPing(payload != null ? payload : new byte[0]);
      return CompletableFuture.completedFuture(null);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<DisconnectReason> close(int code, String reason) {
    harness.stopRequested();
    if (open) {
      harness.closeLocally(code, reason);
    } else if (!stopped) {
      stopped(new DisconnectReason.LocalClose(code, reason));
    }
    return closeFuture;
  }

  @Override
  public CompletableFuture<ConnectionStatus> status() {
    Object handlerStatus;
    try {
      handlerStatus = handler.status(this);
    } catch (Exception e) {
      handlerStatus = e;
    }
    ConnectionStatus.State state = open ? ConnectionStatus.State.OPEN
        : stopped ? ConnectionStatus.State.STOPPED : ConnectionStatus.State.CONNECTING;
    return CompletableFuture.completedFuture(new ConnectionStatus(state, connectCount, 0, null, 0, 0, 0, 0, 0, 0,
        Duration.ZERO, null, lastDisconnect, null, isReadyNow(), subscriptions.keys(), 0, 0, 0, "", handlerStatus));
  }

  private boolean isReadyNow() {
    return open && ready.isDone() && !ready.isCompletedExceptionally();
  }

  @Override
  public CompletableFuture<DisconnectReason> closeFuture() {
    return closeFuture;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public int connectCount() {
    return connectCount;
  }

  @Override
  public String subprotocol() {
    return null;
  }

  @Override
  public ConnectionInfo info() {
    return info;
  }
}
