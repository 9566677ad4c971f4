package io.wsnova.runtime.internal.session;

import io.wsnova.runtime.Subscriptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;

/**
 * The subscriptions of one connection: kept in the order added, sent when added if the connection is
 * ready, and all sent again each time it becomes ready after a reconnect. Its state is confined to the
 * connection's event loop; its methods hop there from any thread.
 */
public final class SubscriptionRegistry implements Subscriptions {
  /** What the registry needs from its connection. */
  public interface Wire {
    CompletableFuture<Void> send(Object message);

    CompletableFuture<JsonNode> request(Object request);

    boolean isReady();

    /** A subscription sent again after a reconnect was refused: for the ErrorHandler. */
    void refused(String key, Throwable cause);
  }

  private record Entry(Object message, boolean request) {}

  private final Wire wire;
  private final Executor loop;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** Adds made while not ready, told when their first send is done. */
  private final Map<String, CompletableFuture<Object>> firstSends = new HashMap<>();
  private volatile List<String> keys = List.of();

  public SubscriptionRegistry(Wire wire, Executor loop) {
    this.wire = wire;
    this.loop = loop;
  }

  @Override
  public CompletableFuture<Void> add(String key, Object message) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    loop.execute(() -> put(key, new Entry(message, false), result));
    return result.thenApply(v -> null);
  }

  @Override
  public CompletableFuture<JsonNode> addRequest(String key, Object request) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    loop.execute(() -> put(key, new Entry(request, true), result));
    return result.thenApply(v -> (JsonNode) v);
  }

  private void put(String key, Entry entry, CompletableFuture<Object> result) {
    entries.put(key, entry);
    keys = List.copyOf(entries.keySet());
    if (wire.isReady()) {
      sendOne(entry).whenComplete((v, e) -> complete(result, v, e));
    } else {
      firstSends.put(key, result);
    }
  }

  @Override
  public CompletableFuture<Void> remove(String key, Object unsubscribe) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    loop.execute(() -> {
      Entry removed = entries.remove(key);
      keys = List.copyOf(entries.keySet());
      CompletableFuture<Object> waiting = firstSends.remove(key);
      if (waiting != null) {
        waiting.cancel(false);
      }
      if (unsubscribe == null || removed == null || !wire.isReady()) {
        result.complete(null);
        return;
      }
      CompletableFuture<?> sent = removed.request() ? wire.request(unsubscribe) : wire.send(unsubscribe);
      sent.whenComplete((v, e) -> {
        if (e != null) {
          result.completeExceptionally(e);
        } else {
          result.complete(null);
        }
      });
    });
    return result;
  }

  @Override
  public List<String> keys() {
    return keys;
  }

  /** The connection is ready (first time or again): every subscription is sent, in order. On the loop. */
  public void replay() {
    for (Map.Entry<String, Entry> e : new ArrayList<>(entries.entrySet())) {
      String key = e.getKey();
      CompletableFuture<Object> first = firstSends.remove(key);
      sendOne(e.getValue()).whenComplete((v, failure) -> {
        if (first != null) {
          complete(first, v, failure);
        } else if (failure != null) {
          wire.refused(key, failure);
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private CompletableFuture<Object> sendOne(Entry entry) {
    return entry.request() ? (CompletableFuture<Object>) (CompletableFuture<?>) wire.request(entry.message())
        : (CompletableFuture<Object>) (CompletableFuture<?>) wire.send(entry.message());
  }

  private static void complete(CompletableFuture<Object> result, Object value, Throwable failure) {
    if (failure != null) {
      result.completeExceptionally(failure);
    } else {
      result.complete(value);
    }
  }
}
