package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.RequestException;
import io.wsnova.runtime.RequestOptions;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.adapter.JsonCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Matches answers to requests by id, for one connection: stamps each request with a fresh id, keeps what
 * waits for an answer (bounded), completes it with the answer's result or fails it with the answer's
 * error, a timeout, or the end of the connection. A layer over the connection: it sees text going out
 * and text coming in, nothing else. Confined to the connection's event loop.
 *
 * <p>Inbound text costs nothing while no request waits. Otherwise a notification, which has no id, costs
 * one vectorised {@code indexOf} of the quoted id field; other text one scan for the id (the scan routing
 * uses, which stops at the field); and an answer one parse, into a tree from which the result is
 * converted.
 */
public final class RequestTracker {
  /** Late answers remembered, to drop (and say so) rather than route to the handler. */
  private static final int LATE_ANSWERS_REMEMBERED = 1024;

  private record Pending(JavaType type, CompletableFuture<Object> future, ScheduledFuture<?> timer) {}

  private final RequestOptions options;
  private final ScheduledExecutorService loop;
  private final JsonMapper mapper;
  private final Function<String, CompletableFuture<Void>> send;
  private final Consumer<String> lateAnswer;
  /** The id field's name in quotes: text without it answers nothing, which {@code indexOf} tells fast. */
  private final String quotedIdField;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Boolean> timedOut = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > LATE_ANSWERS_REMEMBERED;
    }
  };
  private long lastId;

  /**
   * @param send sends JSON text through the connection (the prepare frame callback included)
   * @param lateAnswer told of each answer that came after its request timed out
   */
  public RequestTracker(RequestOptions options, ScheduledExecutorService loop, JsonMapper mapper,
      Function<String, CompletableFuture<Void>> send, Consumer<String> lateAnswer) {
    this.options = options;
    this.loop = loop;
    this.mapper = mapper;
    this.send = send;
    this.lateAnswer = lateAnswer;
    this.quotedIdField = "\"" + options.idField() + "\"";
  }

  /** Requests waiting for their answers. */
  public int inFlight() {
    return pending.size();
  }

  /** Stamps and sends {@code request}; {@code result} completes with its answer decoded into {@code type}. */
  @SuppressWarnings("unchecked")
  public <T> void start(Object request, Type type, Duration timeout, CompletableFuture<T> result) {
    CompletableFuture<Object> future = (CompletableFuture<Object>) result;
    if (pending.size() >= options.maxInFlight()) {
      future.completeExceptionally(new SendException(SendException.Reason.TOO_MANY_REQUESTS, options.maxInFlight()
          + " requests already wait for answers (RequestOptions.maxInFlight): wait for some, or raise the bound"));
      return;
    }
    ObjectNode stamped;
    String id = Long.toString(++lastId);
    String text;
    JavaType javaType;
    try {
      stamped = asObject(request);
      stamped.put(options.idField(), lastId);
      text = mapper.writeValueAsString(stamped);
      javaType = mapper.constructType(type);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return;
    }
    Duration wait = timeout != null ? timeout : options.timeout();
    ScheduledFuture<?> timer = loop.schedule(() -> timeOut(id, wait), wait.toNanos(), TimeUnit.NANOSECONDS);
    pending.put(id, new Pending(javaType, future, timer));
    send.apply(text).whenComplete((written, failure) -> {
      if (failure != null) {
        Pending p = pending.remove(id);
        if (p != null) {
          p.timer.cancel(false);
          p.future.completeExceptionally(failure);
        }
      }
    });
  }

  private ObjectNode asObject(Object request) {
    JsonNode node;
    if (request instanceof String json) {
      node = mapper.readTree(json);
    } else if (request instanceof JsonNode given) {
      node = given.deepCopy();
    } else {
      node = mapper.valueToTree(request);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("a request must be a JSON object, to carry its id in \""
          + options.idField() + "\"; this one is " + node.getNodeType());
    }
    return object;
  }

  /**
   * Takes {@code text} if it answers a request (or one that timed out: a late answer, dropped); false when
   * it is no answer and goes on to the handler.
   */
  public boolean offer(String text) {
    if ((pending.isEmpty() && timedOut.isEmpty()) || !text.contains(quotedIdField)) {
      return false; // a notification: no id anywhere in it
    }
    String id = JsonCodec.field(text, options.idField());
    if (id == null) {
      return false;
    }
    Pending p = pending.remove(id);
    if (p == null) {
      if (timedOut.remove(id) != null) {
        lateAnswer.accept(id);
        return true;
      }
      return false; // an id we did not send: the handler's
    }
    p.timer.cancel(false);
    try {
      JsonNode answer = mapper.readTree(text);
      JsonNode error = answer.get(options.errorField());
      if (error != null && !error.isNull()) {
        p.future.completeExceptionally(new RequestException(error.path("code").asLong(0),
            error.path("message").asString(error.toString()), error.get("data")));
        return true;
      }
      p.future.complete(decode(answer.get(options.resultField()), p.type));
    } catch (JacksonException | IllegalArgumentException e) {
      p.future.completeExceptionally(e);
    }
    return true;
  }

  private Object decode(JsonNode result, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (JsonNode.class.isAssignableFrom(raw)) {
      return result;
    }
    if (result == null || result.isNull() || result.isMissingNode()) {
      return null;
    }
    if (raw == String.class) {
      return result.isString() ? result.asString() : result.toString();
    }
    return mapper.treeToValue(result, type);
  }

  private void timeOut(String id, Duration waited) {
    Pending p = pending.remove(id);
    if (p != null) {
      timedOut.put(id, Boolean.TRUE);
      p.future.completeExceptionally(new TimeoutException("no answer to request " + id + " within "
          + waited.toMillis() + " ms"));
    }
  }

  /** The connection ended: everything still waiting fails with {@code why}. */
  public void failAll(Throwable why) {
    Map<String, Pending> all = new HashMap<>(pending);
    pending.clear();
    timedOut.clear();
    for (Pending p : all.values()) {
      p.timer.cancel(false);
      p.future.completeExceptionally(why);
    }
  }
}
