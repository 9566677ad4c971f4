package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.adapter.JsonCodec;
import io.wsnova.runtime.testing.LiveServerTest;
import io.wsnova.runtime.testing.Recorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's own Jackson mapper is used for sendJson, requests and the decoders generated adapters keep in
 * static fields (one decoder, two clients, each decoding with its own mapper).
 */
class JsonMapperTest extends LiveServerTest {
  record Tick(String instrumentName, Double lastPrice) {}

  record Rpc(String method, Map<String, Object> params) {}

  /** As a generated adapter keeps it: static, built once, shared by every client in the JVM. */
  private static final JsonCodec.Decoder<Tick> TICK_DECODER = JsonCodec.decoder(Tick.class);

  private static final JsonMapper SNAKE = JsonCodec.mapper().rebuild()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** What {@code client}'s loop decodes, with the shared static decoder, from a snake_case echo. */
  private static Tick decodedEcho(NovaClient client) throws Exception {
    List<Tick> decoded = new CopyOnWriteArrayList<>();
    Recorder r = new Recorder(server.uri("/echo"));
    r.onData = f -> {
      decoded.add(TICK_DECODER.decode(f.text()));
      return Result.ok();
    };
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    c.sendText("{\"instrument_name\":\"ETH\",\"last_price\":1.5}").get(10, TimeUnit.SECONDS);
    r.nextData(FrameType.TEXT);
    c.close().get(10, TimeUnit.SECONDS);
    assertThat(decoded).hasSize(1);
    return decoded.get(0);
  }

  @Test
  void oneStaticDecoderDecodesWithTheMapperOfTheClientWhoseLoopCallsIt() throws Exception {
    try (NovaClient snake = NovaClient.builder().threads(1).jsonMapper(SNAKE).build();
        NovaClient plain = NovaClient.builder().threads(1).build()) {
      assertThat(decodedEcho(snake)).isEqualTo(new Tick("ETH", 1.5));
      // The default mapper reads snake_case names as unknown fields, and ignores them.
      assertThat(decodedEcho(plain)).isEqualTo(new Tick(null, null));
      assertThat(decodedEcho(snake)).isEqualTo(new Tick("ETH", 1.5));
    }
  }

  @Test
  void whatTheServerReceivesIsWrittenByTheClientsMapper() throws Exception {
    server.texts.clear();
    try (NovaClient snake = NovaClient.builder().threads(1).jsonMapper(SNAKE).build()) {
      Recorder r = new Recorder(server.uri("/echo"));
      Connection c = snake.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      c.sendJson(new Tick("X", 2.0)).get(10, TimeUnit.SECONDS);
      assertThat(server.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"instrument_name\":\"X\",\"last_price\":2.0}");
      c.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void requestsAndTheirAnswersUseTheClientsMapper() throws Exception {
    try (NovaClient snake = NovaClient.builder().threads(1).jsonMapper(SNAKE).build()) {
      Recorder r = new Recorder(server.uri("/rpc"));
      Connection c = snake.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
      Tick answer = c.request(new Rpc("echo", Map.of("instrument_name", "SOL", "last_price", 3.5)), Tick.class)
          .get(10, TimeUnit.SECONDS);
      assertThat(answer).isEqualTo(new Tick("SOL", 3.5));
      c.close().get(10, TimeUnit.SECONDS);
    }
  }
}
