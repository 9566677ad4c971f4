package io.wsnova.examples.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 server in Deribit's dialect, on {@code /ws/api/v2}: {@code public/auth} (client
 * credentials, then refresh tokens that expire after a few seconds), {@code private/subscribe} to
 * {@code ticker.*} and {@code trades.*} channels with notifications, {@code public/set_heartbeat} with
 * {@code test_request}s that must be answered with {@code public/test} (or the connection closes with
 * 4000), {@code public/get_time}, {@code private/get_position} (answered out of order), error 13009 for a
 * private method without a valid token and 10028 above 20 requests a second. All on the server's one
 * event loop: no locks.
 */
final class ExchangeDialect {
  static final String PATH = "/ws/api/v2";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What one connection has done. */
  private static final class Session {
    String accessToken;
    long tokenExpiresAt;
    long heartbeatIntervalMillis;
    boolean testRequestOutstanding;
    long testRequestSentAt;
    final List<String> channels = new ArrayList<>();
    final ArrayDeque<Long> recentRequests = new ArrayDeque<>();
  }

  private final Map<Channel, Session> sessions = new ConcurrentHashMap<>();
  private final String clientId;
  private final String clientSecret;
  private final long tokenLifeMillis;
  private final AtomicLong tokens = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  /** Requests refused for the rate, over all connections (for the demo's and tests' eyes). */
  final AtomicLong tooManyRequests = new AtomicLong();
  /** Connections closed for a missed heartbeat. */
  final AtomicLong missedHeartbeats = new AtomicLong();

  ExchangeDialect(String clientId, String clientSecret, long tokenLifeMillis) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.tokenLifeMillis = tokenLifeMillis;
  }

  void opened(Channel ch) {
    sessions.put(ch, new Session());
  }

  void closed(Channel ch) {
    sessions.remove(ch);
  }

  void onRequest(Channel ch, String text) {
    Session s = sessions.get(ch);
    if (s == null) {
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(text);
    } catch (RuntimeException e) {
      send(ch, error(null, -32700, "parse error"));
      return;
    }
    JsonNode id = req.get("id");
    long now = System.currentTimeMillis();
    s.recentRequests.addLast(now);
    while (!s.recentRequests.isEmpty() && s.recentRequests.peekFirst() <= now - 1000) {
      s.recentRequests.pollFirst();
    }
    if (s.recentRequests.size() > 20) {
      tooManyRequests.incrementAndGet();
      send(ch, error(id, 10028, "too_many_requests"));
      return;
    }
    String method = req.path("method").asString("");
    JsonNode params = req.path("params");
    if (method.startsWith("private/") && (s.accessToken == null || now >= s.tokenExpiresAt)) {
      send(ch, error(id, 13009, "unauthorized"));
      return;
    }
    switch (method) {
      case "public/auth" -> auth(ch, s, id, params, now);
      case "private/subscribe" -> {
        List<String> channels = new ArrayList<>();
        params.path("channels").forEach(c -> channels.add(c.asString()));
        for (String c : channels) {
          if (!s.channels.contains(c)) {
            s.channels.add(c);
          }
        }
        ObjectNode answer = result(id);
        tools.jackson.databind.node.ArrayNode subscribed = answer.putArray("result");
        channels.forEach(subscribed::add);
        send(ch, answer);
      }
      case "public/set_heartbeat" -> {
        s.heartbeatIntervalMillis = Math.max(1, params.path("interval").asLong(10)) * 1000;
        send(ch, result(id).put("result", "ok"));
      }
      case "public/test" -> {
        s.testRequestOutstanding = false;
        ObjectNode answer = result(id);
        answer.putObject("result").put("version", "1.2.26");
        send(ch, answer);
      }
      case "public/get_time" -> later(ch, result(id).put("result", now));
      case "private/get_position" -> {
        ObjectNode answer = result(id);
        answer.putObject("result").put("instrument_name", params.path("instrument").asString("?"))
            .put("size", 1.5).put("direction", "buy");
        later(ch, answer);
      }
      default -> send(ch, error(id, -32601, "method not found: " + method));
    }
  }

  private void auth(Channel ch, Session s, JsonNode id, JsonNode params, long now) {
    String grant = params.path("grant_type").asString("");
    boolean ok = grant.equals("client_credentials")
        ? clientId.equals(params.path("client_id").asString()) && clientSecret.equals(params.path("client_secret").asString())
        : grant.equals("refresh_token") && params.path("refresh_token").asString("").startsWith("rt-");
    if (!ok) {
      send(ch, error(id, 13004, "invalid_credentials"));
      return;
    }
    long n = tokens.incrementAndGet();
    s.accessToken = "at-" + n;
    s.tokenExpiresAt = now + tokenLifeMillis;
    ObjectNode answer = result(id);
    answer.putObject("result").put("access_token", s.accessToken).put("expires_in", tokenLifeMillis / 1000.0)
        .put("refresh_token", "rt-" + n).put("token_type", "bearer");
    send(ch, answer);
  }

  /** Answers after 0-20 ms, so that answers come back out of order. */
  private void later(Channel ch, ObjectNode answer) {
    ch.eventLoop().schedule(() -> send(ch, answer), ThreadLocalRandom.current().nextInt(20), TimeUnit.MILLISECONDS);
  }

  /** Every 100 ms: a notification on every subscribed channel; test requests; closes for missed ones. */
  void tick() {
    long now = System.currentTimeMillis();
    sessions.forEach((ch, s) -> {
      for (String c : s.channels) {
        ObjectNode note = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "subscription");
        ObjectNode params = note.putObject("params").put("channel", c);
        long seq = sequence.incrementAndGet();
        if (c.startsWith("ticker.")) {
          params.putObject("data").put("instrument_name", c.substring("ticker.".length()))
              .put("last_price", 97_000 + seq % 100).put("timestamp", now);
        } else {
          params.putArray("data").addObject().put("trade_id", "t" + seq).put("price", 97_000 + seq % 50)
              .put("amount", 10);
        }
        send(ch, note);
      }
      if (s.heartbeatIntervalMillis > 0) {
        if (s.testRequestOutstanding && now - s.testRequestSentAt > s.heartbeatIntervalMillis) {
          missedHeartbeats.incrementAndGet();
          ch.writeAndFlush(new CloseWebSocketFrame(4000, "heartbeat missed")).addListener(ChannelFutureListener.CLOSE);
          return;
        }
        if (!s.testRequestOutstanding && now - s.testRequestSentAt >= s.heartbeatIntervalMillis) {
          s.testRequestOutstanding = true;
          s.testRequestSentAt = now;
          ObjectNode hb = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "heartbeat");
          hb.putObject("params").put("type", "test_request");
          send(ch, hb);
        }
      }
    });
  }

  private static ObjectNode result(JsonNode id) {
    ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", id);
    return answer;
  }

  private static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode answer = result(id);
    answer.putObject("error").put("code", code).put("message", message);
    return answer;
  }

  private static void send(Channel ch, ObjectNode message) {
    if (ch.isActive()) {
      ch.writeAndFlush(new TextWebSocketFrame(message.toString()));
    }
  }
}
