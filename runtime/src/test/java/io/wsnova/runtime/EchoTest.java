package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Echo through a real server: sizes around the frame-length encodings, fragments, prepare frame, upgrade details. */
class EchoTest extends LiveServerTest {
  private static Connection connect(Recorder r) throws Exception {
    return client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 1024 * 1024})
  void echoesTextAndBinaryOfEverySize(int size) throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = connect(r);
    String text = "é".repeat(size / 2) + "a".repeat(size % 2);
    byte[] binary = new byte[size];
    Arrays.fill(binary, (byte) 7);

    c.sendText(text).get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo(text);
    c.sendBinary(binary).get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.BINARY).bytes()).isEqualTo(binary);
    c.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void reassemblesFragmentsAndAnswersAPingBetweenThemAtOnce() throws Exception {
    Recorder r = new Recorder(server.uri("/fragments"));
    connect(r);

    assertThat(server.pongs.poll(10, TimeUnit.SECONDS)).as("the ping between fragments was answered").isEqualTo("mid");
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("fragmented message");
  }

  @Test
  void acceptsACodePointSplitAcrossFragments() throws Exception {
    // "é" (C3 A9) as a text fragment holding C3 and a continuation holding A9, then binary in 2 fragments.
    Recorder r = new Recorder(server.uri("/raw/0101C38001A9" + "020201028001" + "03"));
    connect(r);

    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("é");
    assertThat(r.nextData(FrameType.BINARY).bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void prepareFrameAppliesToSendsAndToReplies() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    server.texts.clear();
    r.prepare = f -> f.type() == FrameType.TEXT && !f.text().startsWith("#") ? Frame.text("#" + f.text()) : f;
    r.onData = f -> f.text().equals("#ping") ? Result.reply("pong") : Result.ok();
    Connection c = connect(r);

    c.sendText("ping").get(10, TimeUnit.SECONDS);

    assertThat(server.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("#ping");
    assertThat(server.texts.poll(10, TimeUnit.SECONDS)).as("the reply passed through prepare frame").isEqualTo("#pong");
    c.close();
  }

  @Test
  void aFailingPrepareFrameFailsTheSend() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    r.prepare = f -> {
      throw new IllegalStateException("refused");
    };
    Connection c = connect(r);

    Throwable failure = c.sendText("x").handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(SendException.class);
    assertThat(((SendException) failure).reason()).isEqualTo(SendException.Reason.PREPARE_FAILED);
    c.close();
  }

  @Test
  void sendsHeadersOffersSubprotocolsAndShowsTheChosenOne() throws Exception {
    server.upgradeHeaders.clear();
    Recorder r = new Recorder(ConnectionInfo.builder(server.uri("/echo"))
        .subprotocols("json", "xml").header("Authorization", "Bearer t0k3n"));
    Connection c = connect(r);

    assertThat(r.next(Recorder.Connected.class).subprotocol()).isEqualTo("json");
    assertThat(c.subprotocol()).isEqualTo("json");
    Map<String, String> headers = server.upgradeHeaders.poll(10, TimeUnit.SECONDS);
    assertThat(headers).containsEntry("authorization", "Bearer t0k3n").containsEntry("sec-websocket-protocol", "json,xml")
        .as("a client is no browser: no Origin unless the user adds one").doesNotContainKey("origin");
    c.close();
  }

  @Test
  void sendJsonWritesWithJackson() throws Exception {
    record Order(String symbol, int quantity) {}
    server.texts.clear();
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = connect(r);

    c.sendJson(new Order("ABC", 3)).get(10, TimeUnit.SECONDS);
    assertThat(server.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"symbol\":\"ABC\",\"quantity\":3}");
    c.close();
  }

  @Test
  void sendsFailClearlyWhenTooLargeOrClosed() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = client.connect(r, r.options().maxMessageSize(1000).build()).get(10, TimeUnit.SECONDS);

    Throwable tooLarge = c.sendBinary(new byte[1001]).handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(tooLarge).isInstanceOf(SendException.class);
    assertThat(((SendException) tooLarge).reason()).isEqualTo(SendException.Reason.TOO_LARGE);

    DisconnectReason reason = c.close(1000, "done").get(10, TimeUnit.SECONDS);
    assertThat(reason).isEqualTo(new DisconnectReason.LocalClose(1000, "done"));
    assertThat(server.awaitCloseCode(1000)).isEqualTo(1000);
    Throwable closed = c.sendText("late").handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(((SendException) closed).reason()).isEqualTo(SendException.Reason.CLOSED);
  }

  @Test
  void statusReportsCountersAndTheHandlersValue() throws Exception {
    Recorder r = new Recorder(server.uri("/echo"));
    Connection c = connect(r);
    c.sendText("a").get(10, TimeUnit.SECONDS);
    r.nextData(FrameType.TEXT);

    ConnectionStatus s = c.status().get(10, TimeUnit.SECONDS);
    assertThat(s.state()).isEqualTo(ConnectionStatus.State.OPEN);
    assertThat(s.connectCount()).isEqualTo(1);
    assertThat(s.framesSent()).isEqualTo(1);
    assertThat(s.framesReceived()).isEqualTo(1);
    c.close();
    assertThat(c.closeFuture().get(10, TimeUnit.SECONDS)).isInstanceOf(DisconnectReason.LocalClose.class);
  }
}
