package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.testing.NodePeer;
import io.wsnova.runtime.testing.Recorder;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * permessage-deflate against an independent implementation: Node's {@code ws} servers
 * ({@code src/test/node/ws-deflate-server.js}) in the four context-takeover combinations and with both
 * windows limited to 9 to 15 bits. Each echoes compressed; the bytes each read tell whether this client
 * compressed what it sent.
 */
class DeflateInteropTest {
  private static NodePeer node;
  private static final Map<String, Integer> ports = new HashMap<>();
  private static NovaClient client;
  /** JSON of the kind feeds send: repetitive, so it compresses well (about 30 KB). */
  private static final String FEED = "[" + String.join(",", Stream.generate(
      () -> "{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.08423,\"ask\":1.08431}").limit(500).toList()) + "]";

  @BeforeAll
  static void startServers() throws Exception {
    node = NodePeer.start("ws-deflate-server.js");
    for (String line = node.said(""); !line.equals("READY"); line = node.said("")) {
      String[] parts = line.split(" ");
      if (parts[0].equals("DEFLATE")) {
        ports.put(parts[1], Integer.parseInt(parts[2]));
      }
    }
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    NodePeer.closeAll(client, node);
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("takeover-serverKeep-clientKeep", "permessage-deflate", true),
        Arguments.of("takeover-serverKeep-clientNo", "permessage-deflate; client_no_context_takeover", true),
        Arguments.of("takeover-serverNo-clientKeep", "permessage-deflate; server_no_context_takeover", true),
        Arguments.of("takeover-serverNo-clientNo",
            "permessage-deflate; client_no_context_takeover; server_no_context_takeover", true),
        Arguments.of("bits-9", "permessage-deflate; client_max_window_bits=9; server_max_window_bits=9", false),
        Arguments.of("bits-10", "permessage-deflate; client_max_window_bits=10; server_max_window_bits=10", false),
        Arguments.of("bits-11", "permessage-deflate; client_max_window_bits=11; server_max_window_bits=11", false),
        Arguments.of("bits-12", "permessage-deflate; client_max_window_bits=12; server_max_window_bits=12", false),
        Arguments.of("bits-13", "permessage-deflate; client_max_window_bits=13; server_max_window_bits=13", false),
        Arguments.of("bits-14", "permessage-deflate; client_max_window_bits=14; server_max_window_bits=14", false),
        Arguments.of("bits-15", "permessage-deflate", true));
  }

  private static Recorder recorder(String name, String path) {
    Recorder r = new Recorder(URI.create("ws://127.0.0.1:" + ports.get(name) + path));
    r.policy = e -> Result.stop();
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void echoesCompressedMessagesBothWays(String name, String agreed, boolean clientCompresses) throws Exception {
    Recorder r = recorder(name, "/echo");
    Connection c = client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build())
        .get(10, TimeUnit.SECONDS);
    assertThat(c.status().get(10, TimeUnit.SECONDS).extensions()).isEqualTo(agreed);

    for (int i = 0; i < 5; i++) { // several messages: context takeover carries the window from one to the next
      String message = i + FEED;
      c.sendText(message).get(10, TimeUnit.SECONDS);
      assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo(message);
    }
    c.sendBinary(new byte[] {1, 2, 3}).get(10, TimeUnit.SECONDS); // under the threshold: sent as it is
    assertThat(r.nextData(FrameType.BINARY).bytes()).containsExactly(1, 2, 3);
    c.close(1000, "done").get(10, TimeUnit.SECONDS);

    long read = Long.parseLong(node.said("BYTES " + name).split(" ")[2]);
    long sent = 5L * FEED.length();
    if (clientCompresses) {
      assertThat(read).as("bytes the server read for %d bytes of messages", sent).isLessThan(sent / 10);
    } else {
      assertThat(read).as("a window under 15 bits: this client sends uncompressed").isGreaterThan(sent);
    }
  }

  @Test
  void aHandlerCanMakeTheOfferWithoutOptions() throws Exception {
    Recorder r = new Recorder(URI.create("ws://127.0.0.1:" + ports.get("takeover-serverNo-clientKeep") + "/echo")) {
      @Override
      public DeflateOptions permessageDeflate(Options options) {
        return DeflateOptions.defaults(); // what @WebSocketClient(permessageDeflate = true) generates
      }
    };
    r.policy = e -> Result.stop();
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(c.status().get(10, TimeUnit.SECONDS).extensions())
        .isEqualTo("permessage-deflate; server_no_context_takeover");
    c.close();
  }

  @Test
  void reassemblesCompressedFragmentsWithAPingBetween() throws Exception {
    Recorder r = recorder("takeover-serverKeep-clientKeep", "/fragments");
    Connection c = client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build())
        .get(10, TimeUnit.SECONDS);
    assertThat(r.next(Frame.class)).as("the ping between the fragments, first").satisfies(
        f -> assertThat(f.type()).isEqualTo(FrameType.PING));
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo("fragmented message");
    c.close();
  }

  @Test
  void thePrepareFrameCallbackSeesMessagesUncompressed() throws Exception {
    Recorder r = recorder("takeover-serverKeep-clientKeep", "/echo");
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    r.prepare = f -> {
      seen.add(f.text());
      return Frame.text(f.text() + "!");
    };
    Connection c = client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build())
        .get(10, TimeUnit.SECONDS);
    c.sendText(FEED).get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo(FEED + "!");
    assertThat(seen).containsExactly(FEED);
    c.close();
  }

  /** The deflater takes the text's bytes without masking them, so the surrogate check is a scan of its own. */
  @Test
  void anUnpairedSurrogateFailsACompressedSendAndAQuestionMarkDoesNot() throws Exception {
    Recorder r = recorder("bits-15", "/echo");
    Connection c = client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build())
        .get(10, TimeUnit.SECONDS);
    assertThat(c.status().get(10, TimeUnit.SECONDS).extensions()).isEqualTo("permessage-deflate");
    assertThatThrownBy(() -> c.sendText(FEED + "\uD800").get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SendException.class,
            e -> assertThat(e.reason()).isEqualTo(SendException.Reason.INVALID_TEXT));
    c.sendText(FEED + "?").get(10, TimeUnit.SECONDS);
    assertThat(r.nextData(FrameType.TEXT).text()).isEqualTo(FEED + "?");
    c.close().get(10, TimeUnit.SECONDS);
  }
}
