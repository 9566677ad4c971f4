package io.wsnova.examples.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated market-data feed. Requests (JSON text):
 * <ul>
 *   <li>{@code {"op":"subscribe","symbols":["EURUSD"]}} answers {@code {"type":"subscribed",...}}, or
 *       {@code {"type":"error","message":...}} for an unknown symbol;</li>
 *   <li>{@code {"op":"resume","from":N}} resends the ticks after sequence number N that the client
 *       missed (the last 1,000 are kept), then carries on.</li>
 * </ul>
 * Every 50 ms each subscribed connection gets {@code {"type":"tick","seq":N,"symbol":...,"price":...}};
 * sequence numbers are global, so a client can tell what it missed. Every second each subscriber gets
 * {@code {"type":"heartbeat","ts":...}}.
 */
final class TickerFeed {
  private static final Map<String, Double> START_PRICES = Map.of("EURUSD", 1.0842, "BTCUSD", 67_250.0, "ACME", 12.5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<Channel, Set<String>> subscribers = new ConcurrentHashMap<>();
  private final Map<String, Double> prices = new ConcurrentHashMap<>(START_PRICES);
  private final ArrayDeque<ObjectNode> history = new ArrayDeque<>();
  private long seq;
  /** Every request received, for tests. */
  final java.util.concurrent.BlockingQueue<String> requests = new java.util.concurrent.LinkedBlockingQueue<>();

  void onRequest(Channel ch, String text) {
    requests.add(text);
    JsonNode req;
    try {
      req = JSON.readTree(text);
    } catch (RuntimeException e) {
      send(ch, error("not JSON: " + text));
      return;
    }
    switch (req.path("op").asString("")) {
      case "subscribe" -> {
        Set<String> symbols = ConcurrentHashMap.newKeySet();
        for (JsonNode s : req.path("symbols")) {
          if (!prices.containsKey(s.asString())) {
            send(ch, error("unknown symbol " + s.asString()));
          } else {
            symbols.add(s.asString());
          }
        }
        subscribers.merge(ch, symbols, (a, b) -> {
          a.addAll(b);
          return a;
        });
        ObjectNode ack = JSON.createObjectNode().put("type", "subscribed").put("request", req.path("id").asLong());
        ack.putArray("symbols").addAll(symbols.stream().sorted().map(JSON.getNodeFactory()::stringNode).toList());
        send(ch, ack);
      }
      case "resume" -> resume(ch, req.path("from").asLong());
      default -> send(ch, error("unknown op in " + text));
    }
  }

  void unsubscribe(Channel ch) {
    subscribers.remove(ch);
  }

  /** On the server's event loop, every second: tells subscribers the feed is alive. */
  void heartbeat() {
    ObjectNode beat = JSON.createObjectNode().put("type", "heartbeat").put("ts", System.currentTimeMillis());
    subscribers.keySet().forEach(ch -> send(ch, beat));
  }

  /** On the server's event loop, every 50 ms. */
  void publish() {
    for (String symbol : List.copyOf(prices.keySet())) {
      double price = prices.compute(symbol, (s, p) -> Math.round(p * (1 + (Math.random() - 0.5) / 1000) * 1e4) / 1e4);
      ObjectNode tick = JSON.createObjectNode().put("type", "tick").put("seq", ++seq).put("symbol", symbol)
          .put("price", price);
      synchronized (history) {
        history.addLast(tick);
        if (history.size() > 1000) {
          history.removeFirst();
        }
      }
      subscribers.forEach((ch, symbols) -> {
        if (symbols.contains(symbol)) {
          send(ch, tick);
        }
      });
    }
  }

  private void resume(Channel ch, long from) {
    Set<String> symbols = subscribers.getOrDefault(ch, Set.of());
    synchronized (history) {
      for (ObjectNode tick : history) {
        if (tick.get("seq").asLong() > from && symbols.contains(tick.get("symbol").asString())) {
          send(ch, tick.deepCopy().put("replayed", true));
        }
      }
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("type", "error").put("message", message);
  }

  private static void send(Channel ch, JsonNode message) {
    ch.writeAndFlush(new TextWebSocketFrame(JSON.writeValueAsString(message)));
  }
}
