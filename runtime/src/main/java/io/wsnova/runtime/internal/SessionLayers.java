package io.wsnova.runtime.internal;

import io.netty.channel.EventLoop;
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
import io.wsnova.runtime.internal.session.RateLimiter;
import io.wsnova.runtime.internal.session.ReadinessGate;
import io.wsnova.runtime.internal.session.RequestTracker;
import io.wsnova.runtime.internal.session.SubscriptionRegistry;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session layers of one logical connection, over its {@link Outbound}: readiness and the not-ready
 * queue, rate limits, requests and their answers, subscriptions sent again once ready, and timers. The
 * connection tells it about its lifecycle (opened, ready, dropped, stopped) and hands it sends and
 * requests; nothing here knows about attempts, channels or the ErrorHandler. On the event loop, except
 * where a method says otherwise.
 *
 * <p>The one rule that spans the layers: what the event loop sends (the handler's own callbacks,
 * authentication in on connect among them) never waits for readiness; other threads' sends wait in the
 * not-ready queue, if one is configured.
 */
final class SessionLayers {
  /** What the session layers need from their connection (the connection itself: no lambda objects to keep). */
  interface Host {
    /** Why a send cannot go now (not connected, or closed). */
    SendException notSendable();

    /** Whether a connection is open now. */
    boolean isOpen();

    /** The user's failures (a timer that threw, a subscription refused): for the ErrorHandler. */
    void sessionFailed(Throwable cause);

    /** An answer came after its request timed out; {@code id} is its request's. */
    void lateAnswer(String id);

    /** The client's JSON mapper (asked, not kept: a field less per connection). */
    JsonMapper jsonMapper();

    /** The connection's event loop (asked, not kept, like the options). */
    EventLoop loop();

    /** The connection's options. */
    Options options();

    /** The request options for this handler (asked by the first request, not kept). */
    RequestOptions requestOptions();
  }

  private final Outbound outbound;
  private final Host host;
  private final ReadinessGate gate;
  private final RateLimiter limiter;
  /** The layers most connections never use, made together by the first use of any; see {@link #used()}. */
  private volatile Used used;

  /** Requests, subscriptions and timers: their maps are what an idle connection of a fleet would pay for. */
  private record Used(RequestTracker requests, SubscriptionRegistry subscriptions, ConnectionTimers timers) {}

  SessionLayers(EventLoop loop, Options options, Outbound outbound, Host host) {
    this.outbound = outbound;
    this.host = host;
    this.limiter = options.rateLimits()
        .map(limits -> new RateLimiter(limits, loop, System::nanoTime, outbound::submitWith)).orElse(null);
    this.gate = new ReadinessGate(options.notReadyQueue().orElse(null));
  }

  /** Whether sends take the long way, through the gate and the limiter, or go straight to the channel. */
  private boolean gated() {
    return limiter != null || gate.holdsSends();
  }

  /** The request, subscription and timer layers, made by the first call (from any thread). */
  private Used used() {
    Used u = used;
    if (u == null) {
      synchronized (this) {
        u = used;
        if (u == null) {
          RequestTracker requests = new RequestTracker(host.requestOptions(), host.loop(), host.jsonMapper(),
              json -> limited(Frame.text(json)), host::lateAnswer);
          u = new Used(requests, new SubscriptionRegistry(new SubscriptionWire(), this::runOnLoop),
              new ConnectionTimers(host.loop(), host::sessionFailed));
          used = u;
        }
      }
    }
    return u;
  }

  Subscriptions subscriptions() {
    return used().subscriptions();
  }

  /** How the subscription layer reaches the wire: through the limits, the request layer and the gate. */
  private final class SubscriptionWire implements SubscriptionRegistry.Wire {
    @Override
    public CompletableFuture<Void> send(Object message) {
      return limited(asFrame(message));
    }

    @Override
    public CompletableFuture<JsonNode> request(Object request) {
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      used().requests().start(request, JsonNode.class, null, answer);
      return answer;
    }

    @Override
    public boolean isReady() {
      return gate.isReady();
    }

    @Override
    public void refused(String key, Throwable cause) {
      host.sessionFailed(new IllegalStateException("subscription '" + key + "' was refused when sent again", cause));
    }
  }

  // ---------------------------------------------------------------- lifecycle, told by the connection

  void opened() {
    gate.opened();
  }

  /** Ready: what waited goes out, and the subscriptions are sent (again). */
  void ready() {
    gate.markReady(this::limited);
    Used u = used;
    if (u != null) {
      u.subscriptions().replay();
    }
  }

  /** On connect's stage failed: whoever waits for readiness is told. */
  void readinessFailed(Throwable cause) {
    gate.failed(cause);
  }

  /** Offers an inbound text to the request layer; true when it was an answer, which the handler never sees. */
  boolean answered(String text) {
    Used u = used;
    return u != null && u.requests().offer(text);
  }

  void dropped(DisconnectReason reason) {
    Used u = used;
    if (u != null) {
      u.requests().failAll(new DisconnectedException(reason));
      u.timers().connectionDropped();
    }
    gate.dropped();
  }

  void stopped(DisconnectReason reason) {
    Used u = used;
    if (u != null) {
      u.requests().failAll(new DisconnectedException(reason));
    }
    SendException closed = new SendException(SendException.Reason.CLOSED, "the connection stopped");
    gate.stopped(closed);
    if (limiter != null) {
      limiter.stopped(closed);
    }
    if (u != null) {
      u.timers().stopped();
    }
  }

  // ---------------------------------------------------------------- the Connection API, from any thread

  CompletableFuture<Void> send(Frame frame, SendOptions sendOptions) {
    CompletableFuture<Void> result = new SendFuture();
    if (!gated()) {
      outbound.submit(frame, result); // no queue and no limits: straight to the channel, from any thread
      return result;
    }
    EventLoop loop = host.loop();
    if (loop.inEventLoop()) {
      limited(frame, result, sendOptions);
    } else {
      Loops.onLoop(loop, () -> {
        if (gate.isReady() || sendOptions.urgent() || host.options().notReadyQueue().isEmpty()) {
          limited(frame, result, sendOptions);
        } else {
          gate.hold(frame, result, sendOptions, host.notSendable(), loop);
        }
      }, result);
    }
    return result;
  }

  <T> CompletableFuture<T> request(Object request, Type answerType, Duration timeout) {
    CompletableFuture<T> result = new CompletableFuture<>();
    EventLoop loop = host.loop();
    boolean fromLoop = loop.inEventLoop();
    Loops.onLoop(loop, () -> {
      if (fromLoop || gate.isReady() || host.options().notReadyQueue().isEmpty()) {
        start(request, answerType, timeout, result);
        return;
      }
      // From another thread while not ready, with a not-ready queue: the request waits for readiness too.
      gate.ready().orTimeout(host.options().notReadyQueue().get().maxWait().toNanos(), TimeUnit.NANOSECONDS)
          .whenComplete((ready, failure) -> runOnLoop(() -> {
            if (failure != null) {
              result.completeExceptionally(failure instanceof TimeoutException
                  ? new SendException(SendException.Reason.QUEUE_TIMEOUT, "waited for the connection to be ready"
                      + " (NotReadyQueue.maxWait)") : failure);
            } else {
              start(request, answerType, timeout, result);
            }
          }));
    }, result);
    return result;
  }

  CompletableFuture<Void> whenReady() {
    return gate.ready();
  }

  Executor executor() {
    return task -> runOnLoop(used().timers().guarded(task));
  }

  ScheduledFuture<?> schedule(Runnable task, Duration delay, TimerScope scope) {
    return used().timers().schedule(task, delay, scope);
  }

  ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period, TimerScope scope) {
    return used().timers().scheduleAtFixedRate(task, initialDelay, period, scope);
  }

  // ---------------------------------------------------------------- status, on the loop

  boolean isReady() {
    return gate.isReady();
  }

  List<String> subscriptionKeys() {
    Used u = used;
    return u == null ? List.of() : u.subscriptions().keys();
  }

  int rateLimitQueued() {
    return limiter == null ? 0 : limiter.queued();
  }

  long rateLimitDelayed() {
    return limiter == null ? 0 : limiter.delayed();
  }

  int notReadyQueued() {
    return gate.queued();
  }

  // ---------------------------------------------------------------- inside

  private <T> void start(Object request, Type answerType, Duration timeout, CompletableFuture<T> result) {
    if (!host.isOpen()) {
      result.completeExceptionally(host.notSendable());
    } else {
      used().requests().start(request, answerType, timeout, result);
    }
  }

  /** A send of the session layers' own (a request, a subscription): through the limits, on the loop. */
  private CompletableFuture<Void> limited(Frame frame) {
    CompletableFuture<Void> written = new SendFuture();
    limited(frame, written, SendOptions.DEFAULT);
    return written;
  }

  /** Through the rate limits, if any, to the channel. On the loop. */
  private void limited(Frame frame, CompletableFuture<Void> result, SendOptions sendOptions) {
    if (limiter != null) {
      limiter.send(frame, result, sendOptions);
    } else {
      outbound.submit(frame, result);
    }
  }

  private void runOnLoop(Runnable task) {
    Loops.onLoop(host.loop(), task, null); // after the client closed, nothing is left to run it for
  }

  private Frame asFrame(Object message) {
    if (message instanceof String text) {
      return Frame.text(text);
    }
    if (message instanceof byte[] bytes) {
      return Frame.binary(bytes);
    }
    if (message instanceof Frame frame) {
      return frame;
    }
    return Frame.text(JsonCodec.write(host.jsonMapper(), message));
  }
}
