package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.testing.LiveServerTest;
import io.wsnova.runtime.testing.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Requests with answers, JSON-RPC 2.0 style, against a server that answers out of order. */
class RequestTest extends LiveServerTest {
  record Echo(String method, Map<String, Object> params) {}

  record Payload(int n, String word) {}

  private Recorder recorder() {
    Recorder r = new Recorder(server.uri("/rpc"));
    r.policy = e -> e.kind() == ErrorEvent.Kind.CALLBACK_FAILED ? Result.ok() : Result.stop();
    return r;
  }

  private Connection connect(Recorder r, Options.Builder options) throws Exception {
    return client.connect(r, options.build()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aThousandConcurrentRequestsAnsweredInReverseOrderAreAllMatched() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    List<CompletableFuture<Payload>> answers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      answers.add(c.request(new Echo("hold", Map.of("count", 1000, "n", i, "word", "w" + i)), Payload.class));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    for (int i = 0; i < 1000; i++) {
      assertThat(answers.get(i).get()).isEqualTo(new Payload(i, "w" + i));
    }
    assertThat(r.events).as("no answer reached the handler").noneMatch(e -> e instanceof Frame);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void rawJsonTextAndJsonNodeRequestsAndRawAnswers() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    JsonNode node = c.request("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"a\":[1,2]}}", JsonNode.class)
        .get(10, TimeUnit.SECONDS);
    assertThat(node.get("a").get(1).asInt()).isEqualTo(2);
    String raw = c.request(io.wsnova.runtime.adapter.JsonCodec.mapper().readTree(
        "{\"method\":\"echo\",\"params\":{\"b\":true}}"), String.class).get(10, TimeUnit.SECONDS);
    assertThat(raw).isEqualTo("{\"b\":true}");
    List<Integer> list = c.request(new Echo("echo", Map.of("n", 1)), new TypeReference<Map<String, Integer>>() {})
        .thenApply(m -> List.copyOf(m.values())).get(10, TimeUnit.SECONDS);
    assertThat(list).containsExactly(1);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anErrorAnswerFailsTheRequestWithCodeMessageAndData() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    assertThatThrownBy(() -> c.request(new Echo("fail", Map.of("code", 10028)), Payload.class).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RequestException.class, e -> {
          assertThat(e.code()).isEqualTo(10028);
          assertThat(e.message()).isEqualTo("refused");
          assertThat(e.data().get("why").asString()).isEqualTo("test");
        });
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestTimesOutAndItsLateAnswerIsDroppedNotRouted() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    CompletableFuture<Payload> slow = c.request(new Echo("slow", Map.of("ms", 400, "n", 7, "word", "late")),
        Payload.class, Duration.ofMillis(100));
    assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);
    Thread.sleep(500); // the late answer arrives meanwhile
    assertThat(c.request(new Echo("echo", Map.of("n", 8, "word", "next")), Payload.class).get(10, TimeUnit.SECONDS))
        .isEqualTo(new Payload(8, "next"));
    assertThat(r.events).as("the late answer reached no callback").noneMatch(e -> e instanceof Frame);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pendingRequestsFailWithTheDisconnectReasonWhenTheConnectionDrops() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    CompletableFuture<Payload> waiting = c.request(new Echo("never", Map.of()), Payload.class);
    c.request(new Echo("drop", Map.of()), Payload.class);
    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(DisconnectedException.class,
            e -> assertThat(e.reason()).isInstanceOf(DisconnectReason.TransportError.class));
  }

  @Test
  void requestsInFlightAreBounded() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options().requests(RequestOptions.JSON_RPC.withMaxInFlight(3)));
    for (int i = 0; i < 3; i++) {
      c.request(new Echo("never", Map.of()), Payload.class);
    }
    assertThatThrownBy(() -> c.request(new Echo("echo", Map.of()), Payload.class).get(10, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(SendException.class,
            e -> assertThat(e.reason()).isEqualTo(SendException.Reason.TOO_MANY_REQUESTS));
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void notificationsWithoutAnIdStillReachTheHandlerAndRequestsGoThroughPrepareFrame() throws Exception {
    Recorder r = recorder();
    r.prepare = f -> f.type() == FrameType.TEXT ? Frame.text(f.text().replace("\"stamp\":0", "\"stamp\":1")) : f;
    Connection c = connect(r, r.options());
    String ok = c.request(new Echo("notify", Map.of("channel", "ticker", "stamp", 0)), String.class)
        .get(10, TimeUnit.SECONDS);
    assertThat(ok).isEqualTo("ok");
    Frame pushed = r.nextData(FrameType.TEXT);
    assertThat(pushed.text()).contains("\"method\":\"subscription\"").contains("\"stamp\":1");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aNonObjectRequestFailsClearly() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options());
    assertThatThrownBy(() -> c.request("[1,2]", JsonNode.class).get(10, TimeUnit.SECONDS)).cause()
        .hasMessageContaining("a request must be a JSON object");
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anotherIdFieldIsHonoured() throws Exception {
    Recorder r = recorder();
    Connection c = connect(r, r.options().requests(RequestOptions.JSON_RPC.withIdField("reqId")));
    // The test server answers with "id": null for a request without "id", which is no answer to ours.
    CompletableFuture<Payload> answer = c.request(new Echo("echo", Map.of()), Payload.class, Duration.ofMillis(300));
    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);
    assertThat(server.texts).anyMatch(t -> t.contains("\"reqId\":"));
    c.close().get(10, TimeUnit.SECONDS);
  }
}
