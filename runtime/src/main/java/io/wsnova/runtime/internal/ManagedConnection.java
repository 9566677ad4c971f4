package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.buffer.Unpooled;
import io.wsnova.runtime.Callback;
import io.wsnova.runtime.SendOptions;
import io.wsnova.runtime.Subscriptions;
import io.wsnova.runtime.TimerScope;
import io.wsnova.runtime.ConnectionListener;
import io.wsnova.runtime.ContractViolationException;
import io.wsnova.runtime.ExponentialBackoff;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.TlsOptions;
import io.wsnova.runtime.UnhandledMessageException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.InvalidConnectionInfoException;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.RequestOptions;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.adapter.JsonCodec;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import tools.jackson.databind.json.JsonMapper;

/**
 * One logical connection: the coordinator of its attempts across reconnects. It runs the lifecycle
 * (attempt, open, disconnect, the ErrorHandler's decision), calls the user's callbacks, and delegates the
 * rest: {@link ChannelOpener} opens channels, {@link Outbound} writes, {@link ClosingHandshake} closes,
 * {@link Heartbeat} pings, {@link SessionLayers} holds readiness, rate limits, requests, subscriptions and
 * timers, and {@link ConnectionObserver} tells listeners and warns of slow user code. Everything that touches its state runs on its one event loop, so the
 * handler's callbacks never run concurrently and need no locks; public methods hop onto that loop.
 */
final class ManagedConnection implements Connection, Outbound.Owner, Heartbeat.Peer, FrameDispatcher.Sink,
    SessionLayers.Host {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);
  private static final AtomicReferenceFieldUpdater<ManagedConnection, CompletableFuture> CLOSE_FUTURE =
      AtomicReferenceFieldUpdater.newUpdater(ManagedConnection.class, CompletableFuture.class, "closeFuture");

  private final NettyNovaClient client;
  private final EventLoop loop;
  private final ConnectionHandler handler;
  private final Options options;
  /** What {@link #start} returned, until it completes; then dropped, as an open connection needs it no more. */
  private CompletableFuture<Connection> firstConnect = new CompletableFuture<>();
  /** What {@link #closeFuture()} gives: made by the first who asks, as most connections are never asked. */
  private volatile CompletableFuture<DisconnectReason> closeFuture;
  /** Why the connection stopped, once it has: a close future asked for later is made complete. */
  private volatile DisconnectReason stoppedBecause;
  private final Heartbeat heartbeat;
  private final Outbound outbound;
  private final SessionLayers session;
  /** Holds the connection's serial and name too (the id, {@code ws-7}, is made from the serial when asked). */
  private final ConnectionLog log;
  private final ConnectionObserver observer;

  // Confined to the loop.
  private Attempt attempt;
  /** The extensions the last connection agreed, for status: "" for none. */
  private String agreedExtensions = "";
  /** Failures in a row: failed attempts, and disconnects of connections that lived shorter than stableAfter. */
  private int failuresInARow;
  /** Of those, the disconnects after short lives. */
  private int shortLivesInARow;
  private boolean stopRequested;
  /** A decision already taken (a callback failed and the ErrorHandler answered) to apply once the channel is closed. */
  private Result pendingDecision;
  /** What the ErrorHandler threw, if it did: the connection stops, and its close reason says why. */
  private Throwable errorHandlerFailure;
  private io.netty.util.concurrent.ScheduledFuture<?> reconnectTimer;
  private ConnectionStatus.State state = ConnectionStatus.State.CONNECTING;
  private long framesReceived;
  private long bytesReceived;
  /** {@link #drop} calls waiting for the current connection's disconnect to be handled. */
  private List<CompletableFuture<Void>> dropWaiters; // made by the first drop call
  private Throwable lastError;
  private DisconnectReason lastDisconnectReason;
  private Instant lastDisconnectAt;

  // Read from any thread.
  private volatile boolean open;
  private volatile int connectCount;
  private volatile String subprotocol;

  ManagedConnection(NettyNovaClient client, EventLoop loop, ConnectionHandler handler, Options options, int serial,
      ConnectionListener listener) {
    this.client = client;
    this.loop = loop;
    this.handler = handler;
    this.options = options;
    this.log = new ConnectionLog(serial, options.name().orElseGet(() -> HandlerSettings.defaultName(handler)), this);
    this.observer = new ConnectionObserver(this, listener);
    this.heartbeat = new Heartbeat(this, options);
    this.outbound = new Outbound(this);
    this.session = new SessionLayers(loop, options, outbound, this);
  }

  int serial() {
    return log.serial();
  }

  ConnectionLog log() {
    return log;
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public RequestOptions requestOptions() {
    return HandlerSettings.requestOptions(handler, options);
  }

  ConnectionHandler handler() {
    return handler;
  }

  CompletableFuture<Connection> start() {
    CompletableFuture<Connection> first = firstConnect; // read before the loop may complete and drop it
    observer.notify(l -> l.opened(this));
    loop.execute(() -> {
      try {
        handler.init(options, this);
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        stop(new DisconnectReason.TransportError(t), t);
        return;
      }
      nextAttempt();
    });
    return first;
  }

  // ---------------------------------------------------------------- attempts

  private void nextAttempt() {
    reconnectTimer = null;
    if (stopRequested) {
      stop(new DisconnectReason.LocalClose(CloseCodes.NORMAL, "closed before connecting"), null);
      return;
    }
    state = ConnectionStatus.State.CONNECTING;
    ConnectionInfo next;
    try {
      next = handler.connectionInfo(options, this);
      if (next == null) {
        throw new InvalidConnectionInfoException("connection info", "callback returned null");
      }
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      attempt = new Attempt(null);
      connectFailed(attempt, t);
      return;
    }
    log.target(next);
    Attempt a = new Attempt(next);
    attempt = a;
    try {
      a.proxy = ProxyRoute.choose(options.proxy().orElse(null), next);
    } catch (RuntimeException e) { // a selector the application installed threw
      connectFailed(a, e);
      return;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} attempt {}: connecting to {}:{}{}, upgrade headers {}", log.label(), failuresInARow + 1,
          next.host(), next.port(), a.proxy == null ? "" : " through the " + a.proxy,
          ConnectionLog.redacted(next.headers()));
    }
    observer.notify(l -> l.attemptStarted(this, next));
    Duration timeout = next.timeout() != null ? next.timeout() : options.connectTimeout();
    a.timeout = loop.schedule(() -> timedOut(a, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    // Through a proxy, the proxy resolves the server's name: only the proxy's own is looked up here.
    client.resolve(a.proxy != null ? a.proxy.host() : next.host()).whenComplete((addresses, error) -> loop.execute(() -> {
      if (a != attempt || a.phase != Attempt.Phase.CONNECT) {
        return;
      }
      if (error != null) {
        connectFailed(a, error instanceof CompletionException ? error.getCause() : error);
      } else {
        // Made per attempt, not kept: an open connection needs none of it (the deflate offer included).
        ChannelOpener opener = new ChannelOpener(client, loop, options, HandlerSettings.permessageDeflate(handler,
            options));
        new AddressDialer(this, opener, loop, a, addresses).start();
      }
    }));
  }

  /** Whether {@code a} is the current attempt and still connecting TCP (for its {@link AddressDialer}). */
  boolean isConnecting(Attempt a) {
    return a == attempt && a.phase == Attempt.Phase.CONNECT;
  }

  void upgradeStarted(Attempt a) {
    if (a == attempt && a.phase == Attempt.Phase.CONNECT) {
      a.phase = Attempt.Phase.UPGRADE;
    }
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the event loop; volatile for status readers
  void upgraded(Attempt a, String chosenSubprotocol, FrameDispatcher dispatcher) {
    if (a != attempt || a.phase != Attempt.Phase.UPGRADE) {
      return;
    }
    a.cancelTimeout();
    a.phase = Attempt.Phase.OPEN;
    a.openedNanos = System.nanoTime();
    subprotocol = chosenSubprotocol == null || chosenSubprotocol.isEmpty() ? null : chosenSubprotocol;
    connectCount++;
    open = true;
    agreedExtensions = a.deflate == null ? "" : a.deflate.describe();
    state = ConnectionStatus.State.OPEN;
    outbound.attach(a);
    LOG.info("{} connected{}{}", log.label(), subprotocol == null ? "" : " (subprotocol " + subprotocol + ")",
        agreedExtensions.isEmpty() ? "" : " (" + agreedExtensions + ")");
    observer.notify(l -> l.connected(this));
    Duration interval = a.info.pingInterval() != null ? a.info.pingInterval() : options.pingInterval();
    heartbeat.start(a, interval);
    session.opened();
    Result r = call(Callback.ON_CONNECT, () -> handler.onConnect(a.info, this));
    if (a.phase == Attempt.Phase.OPEN) {
      apply(a, r);
    }
    if (r instanceof Result.Pending pending) {
      pending.stage().whenComplete((v, failure) -> runOnLoop(() -> {
        if (a != attempt || a.phase != Attempt.Phase.OPEN) {
          return;
        }
        if (failure == null) {
          becameReady();
        } else {
          session.readinessFailed(failure);
          reportCallbackFailure(failure instanceof CompletionException ? failure.getCause() : failure);
        }
      }));
    } else if (a.phase == Attempt.Phase.OPEN) {
      becameReady();
    }
    CompletableFuture<Connection> first = firstConnect;
    if (first != null) {
      firstConnect = null;
      observer.complete(first, this, "connect");
    }
    dispatcher.start();
    outbound.flushIfPending(a);
  }

  /** Ready: what waited goes out, and the subscriptions are sent (again). */
  private void becameReady() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} ready", log.label());
    }
    session.ready();
  }

  private void timedOut(Attempt a, Duration after) {
    if (a != attempt || a.phase == Attempt.Phase.OPEN || a.phase == Attempt.Phase.CLOSED) {
      return;
    }
    DisconnectReason.Timeout timeout = new DisconnectReason.Timeout(
        a.phase == Attempt.Phase.UPGRADE ? DisconnectReason.Timeout.Phase.UPGRADE : DisconnectReason.Timeout.Phase.CONNECT,
        after);
    Result r = call(Callback.ON_TIMEOUT, () -> handler.onTimeout(timeout, a.info, this));
    if (r instanceof Result.Stop) {
      stopRequested = true;
    }
    connectFailed(a, new TimeoutException(
        (timeout.phase() == DisconnectReason.Timeout.Phase.UPGRADE ? "the upgrade" : "connecting")
            + " took longer than " + after.toMillis() + " ms"));
  }

  /** An attempt ended before its upgrade succeeded. */
  void attemptFailed(Attempt a, Throwable failure) {
    Throwable cause = a.proxy != null ? a.proxy.explain(failure) : failure;
    if (a == attempt && a.phase != Attempt.Phase.OPEN && a.phase != Attempt.Phase.CLOSED) {
      connectFailed(a, cause);
    }
  }

  void connectFailed(Attempt a, Throwable cause) {
    if (a.phase == Attempt.Phase.CLOSED) {
      return;
    }
    a.phase = Attempt.Phase.CLOSED;
    a.failure = cause;
    a.cancelTimeout();
    if (a.channel != null) {
      a.channel.close();
    }
    failuresInARow++;
    lastError = cause;
    observer.notify(l -> l.attemptFailed(this, cause));
    if (TlsOptions.isVerificationFailure(cause)) {
      LOG.error("{} TLS verification failed: {}. If the server is right, trust its certificate or CA with"
          + " TlsOptions.builder().trust(...), or name the host it was issued for with sniHostName(...)",
          log.label(), log.scrub(ConnectionObserver.rootMessage(cause)));
    } else {
      LOG.info("{} attempt {} failed: {}", log.label(), failuresInARow, log.scrub(cause));
    }
    if (stopRequested) {
      stop(new DisconnectReason.TransportError(cause), cause);
      return;
    }
    decide(new ErrorEvent(ErrorEvent.Kind.CONNECT_FAILED, failuresInARow, false, null, cause, null,
        shortLivesInARow), cause);
  }

  // ---------------------------------------------------------------- inbound

  /** The hot path: one call per inbound message, no allocation of its own. */
  @Override
  public void inbound(Attempt a, Frame frame, int size) {
    if (frame.type().isData()) {
      framesReceived++;
      bytesReceived += size;
      observer.received(frame.type(), size, frame);
    }
    if (frame.type() == FrameType.TEXT && session.answered(frame.text())) {
      return; // an answer to a request: its future has it, the handler never sees it
    }
    Result r;
    long start = System.nanoTime();
    try {
      r = Callback.ON_FRAME.check(handler.onFrame(frame, this));
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      observer.callbackCompleted(Callback.ON_FRAME, System.nanoTime() - start, t);
      reportCallbackFailure(t);
      return;
    }
    observer.callbackCompleted(Callback.ON_FRAME, System.nanoTime() - start, null);
    if (r != Result.OK && a.phase == Attempt.Phase.OPEN) {
      apply(a, r);
    }
  }

  /** A ping arrived: answer it (unless the peer is not reading our answers), then tell the handler. */
  @Override
  public void ping(Attempt a, WebSocketFrame pong, byte[] payload) {
    outbound.writePong(a, pong);
    inbound(a, Frame.ping(payload), payload.length);
  }

  @Override
  public void pong(Attempt a, byte[] payload) {
    Duration rtt = heartbeat.pongReceived(payload);
    if (rtt != null) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} pong after {}", log.label(), ConnectionLog.human(rtt));
      }
      observer.notify(l -> l.roundTrip(this, rtt));
    }
    call(Callback.ON_PONG, () -> {
      handler.onPong(payload, rtt, this);
      return Result.ok();
    });
  }

  @Override
  public void peerClosed(Attempt a, int code, String reason) {
    call(Callback.ON_FRAME, () -> handler.onFrame(Frame.close(code == CloseCodes.NO_STATUS ? -1 : code, reason), this));
    ClosingHandshake.peerClosed(a, code, reason);
  }

  @Override
  public void protocolError(Attempt a, int code, String message) {
    if (a.phase == Attempt.Phase.CLOSED && a.reason != null) {
      return;
    }
    heartbeat.stop();
    log.warnRepeated(LOG, "protocol error " + code, "the server broke RFC 6455, closing with " + code + ": " + message,
        null);
    ClosingHandshake.protocolError(a, code, message == null ? "" : message);
  }

  @Override
  public void transportError(Attempt a, Throwable cause) {
    a.recordReason(new DisconnectReason.TransportError(cause));
    a.channel.close();
  }

  @Override
  public void writabilityChanged(Attempt a) {
    outbound.writabilityChanged(a);
  }

  @Override
  public void flushIfPending(Attempt a) {
    outbound.flushIfPending(a);
  }

  @Override
  public void channelClosed(Attempt a) {
    if (a != attempt) {
      return;
    }
    if (a.phase == Attempt.Phase.CONNECT || a.phase == Attempt.Phase.UPGRADE) {
      connectFailed(a, new ConnectException("the connection closed before the upgrade completed"));
      return;
    }
    if (!open) {
      return; // a failed attempt, already decided in connectFailed
    }
    open = false;
    a.phase = Attempt.Phase.CLOSED;
    heartbeat.stop();
    outbound.detach(stopRequested ? new SendException(SendException.Reason.CLOSED, "the connection is closed")
        : new SendException(SendException.Reason.NOT_CONNECTED, "the connection dropped before it was sent"));
    session.dropped(a.reason != null ? a.reason : new DisconnectReason.TransportError(new ClosedChannelException()));
    tellDropWaiters();
    Duration lived = Duration.ofNanos(System.nanoTime() - a.openedNanos);
    if (lived.compareTo(options.stableAfter()) < 0) {
      shortLivesInARow++;
      failuresInARow++;
    } else {
      shortLivesInARow = 0;
      failuresInARow = 0;
    }
    DisconnectReason reason = a.reason != null ? a.reason
        : new DisconnectReason.TransportError(new ClosedChannelException());
    lastDisconnectReason = reason;
    lastDisconnectAt = Instant.now();
    LOG.info("{} disconnected after {}: {}", log.label(), ConnectionLog.human(lived), log.scrub(reason));
    observer.notify(l -> l.disconnected(this, reason, lived));
    Result r = call(Callback.ON_DISCONNECT, () -> handler.onDisconnect(reason, this));
    if (stopRequested || r instanceof Result.Stop) {
      stop(reason, null);
      return;
    }
    if (pendingDecision != null) {
      Result decided = pendingDecision;
      pendingDecision = null;
      follow(decided, reason, null);
      return;
    }
    decide(new ErrorEvent(ErrorEvent.Kind.DISCONNECTED, failuresInARow, false, reason, null, lived,
        shortLivesInARow), null);
  }

  // ---------------------------------------------------------------- outcomes

  /** Applies what on connect or on frame gave. */
  private void apply(Attempt a, Result r) {
    if (r instanceof Result.Reply reply) {
      outbound.submit(reply.frame(), null);
    } else if (r instanceof Result.Close close) {
      closeLocally(a, close.code(), close.reason());
    } else if (r instanceof Result.Stop stopResult) {
      stopRequested = true;
      closeLocally(a, CloseCodes.NORMAL, stopResult.reason());
    }
  }

  /** Asks the ErrorHandler, and follows its answer. */
  private void decide(ErrorEvent event, Throwable cause) {
    Result decision = askErrorHandler(event);
    observer.notify(l -> l.decided(this, event, decision));
    if (decision instanceof Result.Reconnect reconnect && !stopRequested) {
      LOG.info("{} reconnecting in {} (failure {} in a row{})", log.label(), ConnectionLog.human(reconnect.delay()),
          event.attempt(), options.errorHandler() instanceof ExponentialBackoff b ? " of " + b.maxAttempts() : "");
    } else if (decision instanceof Result.Stop stopped && !stopRequested) {
      LOG.error("{} the ErrorHandler gave up: {}; stopped for good", log.label(),
          stopped.reason().isEmpty() ? "stop" : log.scrub(stopped.reason()));
    }
    follow(decision, event.reason(), cause);
  }

  /** The ErrorHandler's answer; if it throws, stop, and remember why for the close reason. */
  private Result askErrorHandler(ErrorEvent event) {
    try {
      return options.errorHandler().onError(event);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errorHandlerFailure = t;
      LOG.error("{} the ErrorHandler threw, so the connection stops for good", log.label(), t);
      return Result.stop("the ErrorHandler threw " + t.getClass().getSimpleName());
    }
  }

  private void follow(Result r, DisconnectReason reason, Throwable cause) {
    if (r instanceof Result.Reconnect reconnect && !stopRequested) {
      state = ConnectionStatus.State.WAITING_TO_RECONNECT;
      reconnectTimer = loop.schedule(this::nextAttempt, reconnect.delay().toNanos(), TimeUnit.NANOSECONDS);
      return;
    }
    DisconnectReason finalReason = reason != null ? reason
        : new DisconnectReason.TransportError(cause != null ? cause : new ConnectException("stopped"));
    stop(finalReason, cause);
  }

  private void tellDropWaiters() {
    List<CompletableFuture<Void>> waiters = dropWaiters;
    dropWaiters = null;
    if (waiters != null) {
      waiters.forEach(w -> w.complete(null));
    }
  }

  private void stop(DisconnectReason reason, Throwable cause) {
    if (state == ConnectionStatus.State.STOPPED) {
      return;
    }
    if (errorHandlerFailure != null) {
      reason = new DisconnectReason.ErrorHandlerFailed(errorHandlerFailure, reason);
    }
    state = ConnectionStatus.State.STOPPED;
    open = false;
    heartbeat.stop();
    outbound.detach(new SendException(SendException.Reason.CLOSED, "the connection is closed"));
    session.stopped(reason);
    tellDropWaiters();
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
    }
    if (attempt != null && attempt.channel != null) {
      attempt.channel.close();
    }
    CompletableFuture<Connection> first = firstConnect;
    if (first != null) {
      firstConnect = null;
      Throwable why = errorHandlerFailure != null ? errorHandlerFailure
          : cause != null ? cause : new ConnectException("stopped before connecting: " + reason);
      first.completeExceptionally(why);
    }
    LOG.info("{} stopped: {}", log.label(), log.scrub(reason));
    DisconnectReason finalReason = reason;
    observer.notify(l -> l.stopped(this, finalReason));
    client.remove(this);
    stoppedBecause = reason;
    CompletableFuture<DisconnectReason> f = closeFuture; // read after the write above: see closeFuture()
    if (f != null) {
      observer.complete(f, reason, "closeFuture");
    }
  }

  /**
   * Runs a callback; a throw goes to the ErrorHandler, and so does an outcome the callback may not give.
   * Returns {@link Result#ok()} when it failed.
   */
  private Result call(Callback callback, ThrowingSupplier<Result> body) {
    long start = System.nanoTime();
    Result r;
    try {
      r = callback.check(body.get());
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      observer.callbackCompleted(callback, System.nanoTime() - start, t);
      reportCallbackFailure(t);
      return Result.ok();
    }
    observer.callbackCompleted(callback, System.nanoTime() - start, null);
    return r;
  }

  @Override
  public void sessionFailed(Throwable cause) {
    reportCallbackFailure(cause);
  }

  @Override
  public JsonMapper jsonMapper() {
    return client.jsonMapper();
  }

  @Override
  public void lateAnswer(String id) {
    LOG.warn("{} the answer to request {} came after it timed out; dropped", log.label(), id);
  }

  private void reportCallbackFailure(Throwable t) {
    Attempt a = attempt;
    boolean live = open && a != null && a.phase == Attempt.Phase.OPEN;
    lastError = t;
    if (t instanceof ContractViolationException) {
      LOG.error("{} {}", log.label(), t.getMessage());
    } else if (t instanceof UnhandledMessageException u) {
      log.warnRepeated(LOG, "unhandled message: " + u.problem(), "message dropped: " + log.scrub(t.getMessage()), null);
    } else if (t instanceof SendException s) {
      log.warnRepeated(LOG, "reply failed: " + s.reason(), "a reply could not be sent: " + t.getMessage(), null);
    } else if (t instanceof io.wsnova.runtime.RequestException) {
      // The server's own answer says it all; a stack trace through the request layer would add nothing.
      log.warnRepeated(LOG, "request failed", "a request of " + observer.handlerName() + " failed: "
          + log.scrub(t.getMessage()), null);
    } else {
      log.warnRepeated(LOG, "callback failure: " + t.getClass().getName(), "a callback of " + observer.handlerName()
          + " threw", t);
    }
    Result r = askErrorHandler(new ErrorEvent(ErrorEvent.Kind.CALLBACK_FAILED, 0, live, null, t, null, 0));
    if (r instanceof Result.Ok && live) {
      return;
    }
    if (!live) {
      if (r instanceof Result.Stop) {
        stopRequested = true;
      }
      return; // the lifecycle step in progress decides next
    }
    if (r instanceof Result.Reconnect) {
      pendingDecision = r;
    } else {
      stopRequested = true;
    }
    closeLocally(a, CloseCodes.INTERNAL_ERROR, "callback failed");
  }

  // ---------------------------------------------------------------- Outbound.Owner

  @Override
  public Frame prepare(Frame frame) throws Exception {
    Frame prepared = handler.prepareFrame(frame, this);
    if (prepared == null) {
      return frame;
    }
    if (!prepared.type().isData()) {
      throw new IllegalArgumentException("prepare frame must return a text or binary frame, not " + prepared.type());
    }
    return prepared;
  }

  @Override
  public SendException notSendable() {
    return state == ConnectionStatus.State.STOPPED || stopRequested
        ? new SendException(SendException.Reason.CLOSED, "the connection is closed")
        : new SendException(SendException.Reason.NOT_CONNECTED, "the connection is " + state);
  }

  @Override
  public void replyFailed(Throwable cause) {
    reportCallbackFailure(cause);
  }

  @Override
  public void sent(FrameType type, int bytes) {
    observer.sent(type, bytes);
  }

  @Override
  public void sendFailed(SendException e) {
    observer.notify(l -> l.sendFailed(this, e.reason()));
    if (e.reason() == SendException.Reason.BUFFER_FULL) {
      log.warnRepeated(LOG, "BUFFER_FULL", e.getMessage(), null);
    } else if (e.reason() == SendException.Reason.INVALID_TEXT || e.reason() == SendException.Reason.TOO_LARGE) {
      log.warnRepeated(LOG, "send refused: " + e.reason(), e.getMessage(), null);
    }
  }

  // ---------------------------------------------------------------- sending

  @Override
  public CompletableFuture<Void> sendJson(Object message) {
    String json;
    try {
      json = JsonCodec.write(client.jsonMapper(), message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(Frame.text(json));
  }

  @Override
  public CompletableFuture<Void> send(Frame frame, SendOptions options) {
    if (!frame.type().isData()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("send takes text or binary frames; use ping() and close() for " + frame.type()));
    }
    return session.send(frame, options);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return session.whenReady();
  }

  @Override
  public Subscriptions subscriptions() {
    return session.subscriptions();
  }

  @Override
  public java.util.concurrent.Executor executor() {
    return session.executor();
  }

  @Override
  public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, Duration delay, TimerScope scope) {
    return session.schedule(task, delay, scope);
  }

  @Override
  public java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration initialDelay,
      Duration period, TimerScope scope) {
    return session.scheduleAtFixedRate(task, initialDelay, period, scope);
  }

  @Override
  public CompletableFuture<Void> drop(int code, String reason) {
    Result.Close validated = Result.close(code, reason);
    CompletableFuture<Void> dropped = new CompletableFuture<>();
    onLoop(() -> {
      Attempt a = attempt;
      if (a == null || a.phase != Attempt.Phase.OPEN || a.channel == null) {
        dropped.complete(null);
        return;
      }
      if (dropWaiters == null) {
        dropWaiters = new java.util.ArrayList<>(1);
      }
      dropWaiters.add(dropped); // told once the disconnect has been handled, below in channelClosed
      LOG.info("{} dropping the connection ({} {}); the ErrorHandler decides what follows", log.label(),
          validated.code(), validated.reason());
      closeLocally(a, validated.code(), validated.reason());
    }, dropped);
    return dropped;
  }

  /** Runs {@code task} on the loop: now if this is the loop, else queued. */
  private void runOnLoop(Runnable task) {
    Loops.onLoop(loop, task, null); // after the client closed, nothing is left to run it for
  }

  @Override
  public <T> CompletableFuture<T> request(Object request, java.lang.reflect.Type answerType, Duration timeout) {
    return session.request(request, answerType, timeout);
  }

  @Override
  public CompletableFuture<Void> whenWritable() {
    return outbound.whenWritable();
  }

  /** Writes a heartbeat or user ping; {@code result}, if not null, completes when written. On the loop. */
  @Override
  public void writePing(Attempt a, byte[] payload, CompletableFuture<Void> result) {
    if (!open || a != attempt || a.phase != Attempt.Phase.OPEN || a.closeSent) {
      if (result != null) {
        result.completeExceptionally(notSendable());
      }
      return;
    }
    outbound.writeControl(a, new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)), result);
  }

  @Override
  public CompletableFuture<Void> ping() {
    CompletableFuture<Void> result = new CompletableFuture<>();
    onLoop(() -> {
      if (!open) {
        result.completeExceptionally(notSendable());
      } else {
        heartbeat.pingNow(attempt, result);
      }
    }, result);
    return result;
  }

  @Override
  public byte[] heartbeatPayload(Attempt a) {
    return PingPayloads.forHeartbeat(handler, this, a, this::reportCallbackFailure);
  }

  @Override
  public byte[] userPingPayload() throws Exception {
    return PingPayloads.forUserPing(handler, this);
  }

  // ---------------------------------------------------------------- closing

  @Override
  public CompletableFuture<DisconnectReason> close(int code, String reason) {
    Result.Close validated = Result.close(code, reason); // validates the code, fits the reason
    onLoop(() -> {
      stopRequested = true;
      Attempt a = attempt;
      if (state == ConnectionStatus.State.STOPPED) {
        return;
      }
      if (a != null && a.phase == Attempt.Phase.OPEN) {
        closeLocally(a, validated.code(), validated.reason());
      } else if (a != null && (a.phase == Attempt.Phase.CONNECT || a.phase == Attempt.Phase.UPGRADE)) {
        connectFailed(a, new ConnectException("closed by the user while connecting"));
      } else if (state == ConnectionStatus.State.WAITING_TO_RECONNECT || a == null) {
        stop(new DisconnectReason.LocalClose(validated.code(), validated.reason()), null);
      }
    }, null);
    return closeFuture();
  }

  /** Starts the closing handshake: our close frame, then the peer's, or the close timeout. */
  void closeLocally(Attempt a, int code, String reason) {
    heartbeat.stop();
    if (ClosingHandshake.start(a, code, reason, options.closeTimeout())) {
      state = ConnectionStatus.State.CLOSING;
    }
  }

  /** Closes because the peer seems dead (pongs stopped): no handshake to wait for. */
  @Override
  public void closeDead(Attempt a, DisconnectReason.Timeout why) {
    if (a != attempt || a.phase != Attempt.Phase.OPEN) {
      return;
    }
    heartbeat.stop();
    LOG.warn("{} no pong for {}: the server is presumed dead, closing", log.label(), ConnectionLog.human(why.after()));
    ClosingHandshake.dead(a, why);
  }

  // ---------------------------------------------------------------- status

  @Override
  public CompletableFuture<ConnectionStatus> status() {
    CompletableFuture<ConnectionStatus> result = new CompletableFuture<>();
    onLoop(() -> {
      try {
        Object handlerStatus = handler.status(this);
        Attempt a = attempt;
        Duration connectedFor = open && a != null ? Duration.ofNanos(System.nanoTime() - a.openedNanos) : null;
        result.complete(new ConnectionStatus(state, connectCount, failuresInARow, heartbeat.lastRoundTrip(),
            heartbeat.missedPongs(), framesReceived, outbound.framesSent(), bytesReceived, outbound.bytesSent(),
            outbound.bufferedBytes(), connectedFor, lastError, lastDisconnectReason, lastDisconnectAt,
            session.isReady(), session.subscriptionKeys(), session.rateLimitQueued(), session.rateLimitDelayed(),
            session.notReadyQueued(), agreedExtensions, handlerStatus));
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        result.completeExceptionally(t);
      }
    }, result);
    return result;
  }

  @Override
  public String id() {
    return ConnectionLog.id(log.serial());
  }

  @Override
  public String name() {
    return log.name();
  }

  @Override
  public long outboundBufferedBytes() {
    return outbound.bufferedBytes();
  }

  @Override
  @SuppressWarnings("unchecked") // the updater's field holds only futures of DisconnectReason
  public CompletableFuture<DisconnectReason> closeFuture() {
    CompletableFuture<DisconnectReason> f = closeFuture;
    if (f != null) {
      return f;
    }
    if (!CLOSE_FUTURE.compareAndSet(this, null, new CompletableFuture<DisconnectReason>())) {
      return closeFuture;
    }
    f = closeFuture;
    // Written before stop() reads the field, or stop() wrote its reason before this reads it: either way
    // the future completes (twice is harmless).
    DisconnectReason reason = stoppedBecause;
    if (reason != null) {
      f.complete(reason);
    }
    return f;
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
    return subprotocol;
  }

  @Override
  public ConnectionInfo info() {
    return log.target();
  }

  private void onLoop(Runnable task, CompletableFuture<?> failOnReject) {
    Loops.onLoop(loop, task, failOnReject);
  }


  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
