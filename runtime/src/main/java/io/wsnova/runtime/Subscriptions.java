package io.wsnova.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * The subscriptions of one connection, kept across reconnects: each is sent when added (once the
 * connection is ready) and again, in the order added, every time a reconnected connection becomes ready.
 * A message is text as it is ({@code String}), binary ({@code byte[]}), or anything else as JSON.
 * Safe from any thread.
 */
public interface Subscriptions {

  /** Adds (or replaces) subscription {@code key}; completes when its message is written. */
  CompletableFuture<Void> add(String key, Object message);

  /**
   * Adds subscription {@code key} sent as a request ({@link Connection#request}): completes with the
   * answer's result; a refusal fails it, and a refusal when it is sent again after a reconnect goes to
   * the ErrorHandler.
   */
  CompletableFuture<JsonNode> addRequest(String key, Object request);

  /**
   * Removes subscription {@code key}, sending {@code unsubscribe} if it is not {@code null} (as a request
   * if the subscription was one); completes when that is done.
   */
  CompletableFuture<Void> remove(String key, Object unsubscribe);

  /** The current keys, in the order they are sent again. */
  List<String> keys();
}
