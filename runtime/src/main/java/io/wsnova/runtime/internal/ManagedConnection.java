package io.wsnova.runtime.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.wsnova.runtime.Callback;
import io.wsnova.runtime.CloseCodes;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.Transport;
import io.wsnova.runtime.adapter.JsonCodec;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One logical connection: runs the lifecycle of its {@link ConnectionHandler} across attempts and
 * reconnects. Everything that touches its state runs on its one event loop, so the handler's callbacks
 * never run concurrently and need no locks; public methods hop onto that loop when called elsewhere.
 */
final class ManagedConnection implements Connection {
  private static final byte[] NO_BYTES = new byte[0];

  private final NettyNovaClient client;
  private final EventLoop loop;
  private final ConnectionHandler handler;
  private final Options options;
  private final CompletableFuture<Connection> firstConnect = new CompletableFuture<>();
  private final CompletableFuture<DisconnectReason> closeFuture = new CompletableFuture<>();
  private final Heartbeat heartbeat;

  // Confined to the loop.
  private Attempt attempt;
  private int failedAttempts;
  private boolean stopRequested;
  /** A decision already taken (a callback failed and the ErrorHandler answered) to apply once the channel is closed. */
  private Result pendingDecision;
  private io.netty.util.concurrent.ScheduledFuture<?> reconnectTimer;
  private ConnectionStatus.State state = ConnectionStatus.State.CONNECTING;

  // Read from any thread.
  private volatile boolean open;
  private volatile int connectCount;
  private volatile String subprotocol;
  private volatile ConnectionInfo info;
  // Counters: written and read on the loop only (status() runs there).
  private long framesReceived;
  private long framesSent;

  ManagedConnection(NettyNovaClient client, EventLoop loop, ConnectionHandler handler, Options options) {
    this.client = client;
    this.loop = loop;
    this.handler = handler;
    this.options = options;
    this.heartbeat = new Heartbeat(this, loop, options);
  }

  CompletableFuture<Connection> start() {
    loop.execute(() -> {
      try {
        handler.init(options, this);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        stop(new DisconnectReason.TransportError(t), t);
        return;
      }
      nextAttempt();
    });
    return firstConnect;
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
        throw new io.wsnova.runtime.InvalidConnectionInfoException("connection info", "callback returned null");
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      attempt = new Attempt(null);
      connectFailed(attempt, t);
      return;
    }
    info = next;
    Attempt a = new Attempt(next);
    attempt = a;
    Duration timeout = next.timeout() != null ? next.timeout() : options.connectTimeout();
    a.timeout = loop.schedule(() -> timedOut(a, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    client.resolve(next.host()).whenComplete((address, error) -> loop.execute(() -> {
      if (a != attempt || a.phase != Attempt.Phase.CONNECT) {
        return;
      }
      if (error != null) {
        connectFailed(a, error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
      } else {
        open(a, new InetSocketAddress(address, next.port()));
      }
    }));
  }

  private void open(Attempt a, InetSocketAddress address) {
    ConnectionInfo i = a.info;
    ClientHandshaker handshaker;
    SslHandler ssl = null;
    try {
      DefaultHttpHeaders headers = new DefaultHttpHeaders();
      i.headers().forEach(headers::add);
      String protocols = i.subprotocols().isEmpty() ? null : String.join(",", i.subprotocols());
      handshaker = new ClientHandshaker(i.uri(), protocols, headers, options.maxMessageSize());
      if (i.transport() == Transport.TLS) {
        String peerName = i.tls().sniHostName() != null ? i.tls().sniHostName() : i.host();
        ssl = client.tls(i.tls()).newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT, peerName, i.port());
      }
    } catch (Exception e) {
      connectFailed(a, e);
      return;
    }
    SslHandler sslHandler = ssl;
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(client.transports().channelType())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            (i.timeout() != null ? i.timeout() : options.connectTimeout()).toMillis() + 1000))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(options.outboundBufferLimit() / 2, options.outboundBufferLimit()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (sslHandler != null) {
              ch.pipeline().addLast("tls", sslHandler);
            }
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
            ch.pipeline().addLast("upgrade",
                new UpgradeHandler(ManagedConnection.this, a, handshaker, options.maxMessageSize()));
          }
        });
    io.netty.channel.ChannelFuture f = bootstrap.connect(address);
    a.channel = f.channel();
    f.addListener((ChannelFutureListener) cf -> {
      if (!cf.isSuccess()) {
        connectFailed(a, cf.cause());
      }
    });
  }

  void upgradeStarted(Attempt a) {
    if (a == attempt && a.phase == Attempt.Phase.CONNECT) {
      a.phase = Attempt.Phase.UPGRADE;
    }
  }

  void upgraded(Attempt a, String chosenSubprotocol, FrameDispatcher dispatcher) {
    if (a != attempt || a.phase != Attempt.Phase.UPGRADE) {
      return;
    }
    a.cancelTimeout();
    a.phase = Attempt.Phase.OPEN;
    failedAttempts = 0;
    subprotocol = chosenSubprotocol == null || chosenSubprotocol.isEmpty() ? null : chosenSubprotocol;
    connectCount++;
    open = true;
    state = ConnectionStatus.State.OPEN;
    Duration interval = a.info.pingInterval() != null ? a.info.pingInterval() : options.pingInterval();
    heartbeat.start(a, interval);
    Result r = call(Callback.ON_CONNECT, () -> handler.onConnect(a.info, this));
    if (a.phase == Attempt.Phase.OPEN) {
      apply(a, r);
    }
    firstConnect.complete(this);
    dispatcher.start();
    flushIfPending(a);
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
  void attemptFailed(Attempt a, Throwable cause) {
    if (a == attempt && a.phase != Attempt.Phase.OPEN && a.phase != Attempt.Phase.CLOSED) {
      connectFailed(a, cause);
    }
  }

  private void connectFailed(Attempt a, Throwable cause) {
    if (a.phase == Attempt.Phase.CLOSED) {
      return;
    }
    a.phase = Attempt.Phase.CLOSED;
    a.failure = cause;
    a.cancelTimeout();
    if (a.channel != null) {
      a.channel.close();
    }
    failedAttempts++;
    if (stopRequested) {
      stop(new DisconnectReason.TransportError(cause), cause);
      return;
    }
    decide(new ErrorEvent(ErrorEvent.Kind.CONNECT_FAILED, failedAttempts, false, null, cause), cause);
  }

  // ---------------------------------------------------------------- inbound

  /** The hot path: one call per inbound message, no allocation of its own. */
  void inbound(Attempt a, Frame frame) {
    if (frame.type().isData()) {
      framesReceived++;
    }
    Result r;
    try {
      r = Callback.ON_FRAME.check(handler.onFrame(frame, this));
    } catch (Throwable t) {
      rethrowIfFatal(t);
      reportCallbackFailure(t);
      return;
    }
    if (r != Result.OK && a.phase == Attempt.Phase.OPEN) {
      apply(a, r);
    }
  }

  void pong(Attempt a, byte[] payload) {
    Duration rtt = heartbeat.pongReceived(payload);
    call(Callback.ON_PONG, () -> {
      handler.onPong(payload, rtt, this);
      return Result.ok();
    });
  }

  void peerClosed(Attempt a, int code, String reason) {
    call(Callback.ON_FRAME, () -> handler.onFrame(Frame.close(code == CloseCodes.NO_STATUS ? -1 : code, reason), this));
    if (a.closeSent) {
      a.channel.close(); // the peer answered our close frame: the closing handshake is complete
      return;
    }
    a.recordReason(new DisconnectReason.Closed(code, reason));
    // Echo the peer's code (RFC 6455 section 5.5.1), then drop TCP.
    a.closeSent = true;
    a.phase = Attempt.Phase.CLOSED;
    CloseWebSocketFrame echo = code == CloseCodes.NO_STATUS ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
    a.channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
  }

  void protocolError(Attempt a, int code, String message) {
    if (a.phase == Attempt.Phase.CLOSED && a.reason != null) {
      return;
    }
    a.recordReason(new DisconnectReason.ProtocolError(code, message));
    closeWith(a, code, message == null ? "" : truncate(message));
    // A broken peer gets no closing handshake to wait for.
    a.channel.eventLoop().schedule(() -> a.channel.close(), 1, TimeUnit.SECONDS);
  }

  void transportError(Attempt a, Throwable cause) {
    a.recordReason(new DisconnectReason.TransportError(cause));
    a.channel.close();
  }

  void channelClosed(Attempt a) {
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
    DisconnectReason reason = a.reason != null ? a.reason
        : new DisconnectReason.TransportError(new ClosedChannelException());
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
    decide(new ErrorEvent(ErrorEvent.Kind.DISCONNECTED, 0, false, reason, null), null);
  }

  // ---------------------------------------------------------------- outcomes

  /** Applies what on connect or on frame gave. */
  private void apply(Attempt a, Result r) {
    if (r instanceof Result.Reply reply) {
      write(reply.frame(), null);
    } else if (r instanceof Result.Close close) {
      closeLocally(a, close.code(), close.reason());
    } else if (r instanceof Result.Stop stopResult) {
      stopRequested = true;
      closeLocally(a, CloseCodes.NORMAL, stopResult.reason());
    }
  }

  /** Asks the ErrorHandler, and follows its answer. */
  private void decide(ErrorEvent event, Throwable cause) {
    Result r;
    try {
      r = options.errorHandler().onError(event);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      r = Result.stop("the ErrorHandler threw: " + t);
    }
    follow(r, event.reason(), cause);
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

  private void stop(DisconnectReason reason, Throwable cause) {
    if (state == ConnectionStatus.State.STOPPED) {
      return;
    }
    state = ConnectionStatus.State.STOPPED;
    open = false;
    heartbeat.stop();
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
    }
    if (attempt != null && attempt.channel != null) {
      attempt.channel.close();
    }
    if (!firstConnect.isDone()) {
      Throwable why = cause != null ? cause : new ConnectException("stopped before connecting: " + reason);
      firstConnect.completeExceptionally(why);
    }
    closeFuture.complete(reason);
    client.remove(this);
  }

  /**
   * Runs a callback; a throw goes to the ErrorHandler, and so does an outcome the callback may not give.
   * Returns {@link Result#ok()} when it failed.
   */
  private Result call(Callback callback, ThrowingSupplier<Result> body) {
    try {
      return callback.check(body.get());
    } catch (Throwable t) {
      rethrowIfFatal(t);
      reportCallbackFailure(t);
      return Result.ok();
    }
  }

  private void reportCallbackFailure(Throwable t) {
    Attempt a = attempt;
    boolean live = open && a != null && a.phase == Attempt.Phase.OPEN;
    Result r;
    try {
      r = options.errorHandler().onError(new ErrorEvent(ErrorEvent.Kind.CALLBACK_FAILED, 0, live, null, t));
    } catch (Throwable e) {
      rethrowIfFatal(e);
      r = Result.stop("the ErrorHandler threw: " + e);
    }
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
      closeLocally(a, CloseCodes.INTERNAL_ERROR, "callback failed");
    } else {
      stopRequested = true;
      closeLocally(a, CloseCodes.INTERNAL_ERROR, "callback failed");
    }
  }

  // ---------------------------------------------------------------- outbound

  @Override
  public CompletableFuture<Void> sendText(String text) {
    return send(Frame.text(text));
  }

  @Override
  public CompletableFuture<Void> sendBinary(byte[] payload) {
    return send(Frame.binary(payload));
  }

  @Override
  public CompletableFuture<Void> sendBinary(ByteBuffer payload) {
    return send(Frame.binary(payload));
  }

  @Override
  public CompletableFuture<Void> sendJson(Object message) {
    String json;
    try {
      json = JsonCodec.write(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(Frame.text(json));
  }

  @Override
  public CompletableFuture<Void> send(Frame frame) {
    if (!frame.type().isData()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("send takes text or binary frames; use ping() and close() for " + frame.type()));
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    onLoop(() -> write(frame, result), result);
    return result;
  }

  /**
   * Prepares, checks and writes one data frame. On the loop. {@code result} is the user's future, or
   * {@code null} for a reply, whose failures go to the ErrorHandler instead (a reply has no caller to tell;
   * a reply that cannot be written means the channel is closing, which reaches on disconnect anyway).
   */
  private void write(Frame frame, CompletableFuture<Void> result) {
    Attempt a = attempt;
    if (!open || a == null || a.phase != Attempt.Phase.OPEN || a.closeSent) {
      fail(result, notSendable());
      return;
    }
    Frame prepared;
    try {
      prepared = handler.prepareFrame(frame, this);
      if (prepared == null) {
        prepared = frame;
      }
      if (!prepared.type().isData()) {
        throw new IllegalArgumentException("prepare frame must return a text or binary frame, not " + prepared.type());
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      if (result == null) {
        reportCallbackFailure(t);
      } else {
        result.completeExceptionally(new SendException(SendException.Reason.PREPARE_FAILED, t.toString(), t));
      }
      return;
    }
    Channel ch = a.channel;
    // A heap array, not a pooled buffer: the encoder copies the payload anyway while masking it, and an
    // array from the TLAB costs less than a pool allocation (about a tenth of the time at 64 bytes).
    ByteBuf payload = Unpooled.wrappedBuffer(prepared.type() == FrameType.TEXT
        ? prepared.text().getBytes(StandardCharsets.UTF_8) : prepared.bytes());
    int size = payload.readableBytes();
    if (size > options.maxMessageSize()) {
      payload.release();
      fail(result, new SendException(SendException.Reason.TOO_LARGE,
          size + " bytes is more than the maximum message size of " + options.maxMessageSize()));
      return;
    }
    if (size > ch.bytesBeforeUnwritable()) {
      payload.release();
      fail(result, new SendException(SendException.Reason.BUFFER_FULL,
          "the outbound buffer holds more than " + options.outboundBufferLimit() + " bytes: the peer is not reading"));
      return;
    }
    WebSocketFrame wire = prepared.type() == FrameType.TEXT ? new TextWebSocketFrame(payload)
        : new BinaryWebSocketFrame(payload);
    framesSent++;
    if (result == null) {
      ch.write(wire, ch.voidPromise());
    } else {
      ChannelPromise promise = ch.newPromise();
      promise.addListener(f -> {
        if (f.isSuccess()) {
          result.complete(null);
        } else {
          result.completeExceptionally(new SendException(SendException.Reason.WRITE_FAILED,
              String.valueOf(f.cause()), f.cause()));
        }
      });
      ch.write(wire, promise);
    }
    scheduleFlush(a);
  }

  private void fail(CompletableFuture<Void> result, SendException e) {
    if (result == null) {
      reportCallbackFailure(e); // a reply that could not be sent
    } else {
      result.completeExceptionally(e);
    }
  }

  /** Writes a control frame (pong, ping) without prepare frame. On the loop. */
  void writeControl(Attempt a, WebSocketFrame frame) {
    a.channel.write(frame, a.channel.voidPromise());
    scheduleFlush(a);
  }

  /** Writes a ping; {@code result}, if not null, completes when written. On the loop. */
  void writePing(Attempt a, byte[] payload, CompletableFuture<Void> result) {
    if (!open || a != attempt || a.phase != Attempt.Phase.OPEN || a.closeSent) {
      if (result != null) {
        result.completeExceptionally(notSendable());
      }
      return;
    }
    if (result == null) {
      a.channel.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)), a.channel.voidPromise());
      scheduleFlush(a);
      return;
    }
    ChannelPromise promise = a.channel.newPromise();
    promise.addListener(f -> {
      if (f.isSuccess()) {
        result.complete(null);
      } else {
        result.completeExceptionally(new SendException(SendException.Reason.WRITE_FAILED, String.valueOf(f.cause()),
            f.cause()));
      }
    });
    a.channel.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)), promise);
    scheduleFlush(a);
  }

  /**
   * One flush per burst, not per frame: inside a read the flush comes at read-complete; otherwise a task
   * queued behind the writes of this loop turn flushes them all (LANDSCAPE.md: 6-7x at 64 bytes).
   */
  private void scheduleFlush(Attempt a) {
    if (a.flushPending) {
      return;
    }
    a.flushPending = true;
    if (!a.inRead) {
      loop.execute(() -> flushIfPending(a));
    }
  }

  void flushIfPending(Attempt a) {
    if (a.flushPending) {
      a.flushPending = false;
      a.channel.flush();
    }
  }

  private SendException notSendable() {
    return state == ConnectionStatus.State.STOPPED || stopRequested
        ? new SendException(SendException.Reason.CLOSED, "the connection is closed")
        : new SendException(SendException.Reason.NOT_CONNECTED, "the connection is " + state);
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

  // ---------------------------------------------------------------- closing

  @Override
  public CompletableFuture<DisconnectReason> close(int code, String reason) {
    Result.Close validated = Result.close(code, reason); // validates code and reason length
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
    return closeFuture;
  }

  /** Starts the closing handshake: our close frame, then the peer's, or the close timeout. */
  void closeLocally(Attempt a, int code, String reason) {
    if (a.closeSent || a.phase != Attempt.Phase.OPEN) {
      return;
    }
    a.recordReason(new DisconnectReason.LocalClose(code, reason));
    state = ConnectionStatus.State.CLOSING;
    closeWith(a, code, reason);
    Channel ch = a.channel;
    loop.schedule(() -> {
      ch.close();
    }, options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Closes because the peer seems dead (pongs stopped): no handshake to wait for. */
  void closeDead(Attempt a, DisconnectReason.Timeout why) {
    if (a != attempt || a.phase != Attempt.Phase.OPEN) {
      return;
    }
    a.recordReason(why);
    closeWith(a, CloseCodes.GOING_AWAY, "pong timeout");
    a.channel.close();
  }

  private void closeWith(Attempt a, int code, String reason) {
    heartbeat.stop();
    if (!a.closeSent && a.channel.isActive()) {
      a.closeSent = true;
      a.channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
    }
  }

  // ---------------------------------------------------------------- status

  @Override
  public CompletableFuture<ConnectionStatus> status() {
    CompletableFuture<ConnectionStatus> result = new CompletableFuture<>();
    onLoop(() -> {
      try {
        Object handlerStatus = handler.status(this);
        result.complete(new ConnectionStatus(state, connectCount, failedAttempts, heartbeat.lastRoundTrip(),
            heartbeat.missedPongs(), framesReceived, framesSent, handlerStatus));
      } catch (Throwable t) {
        rethrowIfFatal(t);
        result.completeExceptionally(t);
      }
    }, result);
    return result;
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
    return subprotocol;
  }

  @Override
  public ConnectionInfo info() {
    return info;
  }

  /** A ping the timer could not send (a payload over 125 bytes): the handler's mistake, for the ErrorHandler. */
  void pingFailed(Exception e) {
    reportCallbackFailure(e);
  }

  /** Reports a failed ping callback, keeping the heartbeat going with an empty payload. */
  byte[] pingPayload() {
    try {
      byte[] p = handler.pingPayload(this);
      return p == null ? NO_BYTES : p;
    } catch (Throwable t) {
      rethrowIfFatal(t);
      reportCallbackFailure(t);
      return NO_BYTES;
    }
  }

  private void onLoop(Runnable task, CompletableFuture<?> failOnReject) {
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      if (failOnReject != null) {
        failOnReject.completeExceptionally(new SendException(SendException.Reason.CLOSED, "the client is closed", e));
      }
    }
  }

  /** Cuts {@code s} to the 123 bytes of UTF-8 a close reason may have, at a code point boundary. */
  private static String truncate(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length <= 123) {
      return s;
    }
    int end = 123;
    while ((b[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
