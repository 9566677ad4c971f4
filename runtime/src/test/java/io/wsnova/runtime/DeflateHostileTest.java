package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.HostileServer;
import io.wsnova.runtime.testing.LeakRecorder;
import io.wsnova.runtime.testing.Recorder;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate against servers that break its rules, each from an in-process server that writes
 * raw bytes: a zip bomb, compressed frames when nothing was agreed, answers RFC 7692 says to refuse.
 */
class DeflateHostileTest {
  private static NovaClient client;

  @BeforeAll
  static void start() {
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    LeakRecorder.assertNoLeaks();
  }

  /** Raw deflate of {@code size} zero bytes, flushed as permessage-deflate frames are, minus the final 00 00 FF FF. */
  static byte[] deflatedZeros(long size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buffer = new byte[1 << 16];
    for (long left = size; left > 0; left -= zeros.length) {
      deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
      for (int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH); n > 0;
          n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) {
        out.write(buffer, 0, n);
      }
    }
    for (int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH); n > 0;
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) {
      out.write(buffer, 0, n);
    }
    deflater.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4);
  }

  /** Connects with the default permessage-deflate offer; the recorder holds what follows. */
  private static Recorder connectTo(HostileServer server) throws Exception {
    Recorder r = new Recorder(server.uri("/"));
    r.policy = e -> Result.stop();
    client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build()).get(10, TimeUnit.SECONDS);
    return r;
  }

  @Test
  void aFrameThatInflatesToAGibibyteClosesWith1009WithoutInflatingIt() throws Exception {
    byte[] bomb = deflatedZeros(1L << 30);
    BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    BlockingQueue<String> offers = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((Socket s, String request) -> {
      offers.add(request);
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: permessage-deflate\r\n"),
          HostileServer.frame(1, true, 4, bomb));
      closeCodes.add(HostileServer.readFrame(s).closeCode());
    })) {
      long before = PlatformDependent.usedDirectMemory();
      Recorder r = connectTo(server);
      DisconnectReason reason = r.next(DisconnectReason.class);
      long grew = PlatformDependent.usedDirectMemory() - before;

      assertThat(offers.poll(5, TimeUnit.SECONDS)).contains("permessage-deflate; client_max_window_bits");
      assertThat(bomb.length).as("the bomb's size on the wire").isLessThan(2 << 20);
      assertThat(reason).isEqualTo(new DisconnectReason.ProtocolError(CloseCodes.MESSAGE_TOO_BIG,
          "compressed message inflates past the maximum message size of " + Options.DEFAULT_MAX_MESSAGE_SIZE + " bytes"));
      assertThat(closeCodes.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
      assertThat(grew).as("direct memory after the bomb, over before").isLessThan(64L << 20);
    }
  }

  @Test
  void aCompressedFrameWhenTheServerDeclinedClosesWith1002() throws Exception {
    BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, ""), // no extension agreed
          HostileServer.frame(1, true, 4, deflatedZeros(10)));
      closeCodes.add(HostileServer.readFrame(s).closeCode());
    })) {
      Recorder r = connectTo(server);
      assertThat(r.next(DisconnectReason.class)).isInstanceOfSatisfying(DisconnectReason.ProtocolError.class,
          p -> assertThat(p.code()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
      assertThat(closeCodes.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }
  }

  @Test
  void dataThatDoesNotInflateClosesWith1007() throws Exception {
    BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: permessage-deflate\r\n"),
          HostileServer.frame(1, true, 4, new byte[] {(byte) 0xff, (byte) 0xff, 0x13, 0x37}));
      closeCodes.add(HostileServer.readFrame(s).closeCode());
    })) {
      Recorder r = connectTo(server);
      assertThat(r.next(DisconnectReason.class)).isInstanceOfSatisfying(DisconnectReason.ProtocolError.class,
          p -> assertThat(p.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
      assertThat(closeCodes.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate; foo=1",                                   // a parameter RFC 7692 does not define
      "permessage-deflate; server_no_context_takeover; server_no_context_takeover", // given twice
      "permessage-deflate; client_max_window_bits=7",                // out of range
      "permessage-deflate; server_no_context_takeover=yes",          // a value where none belongs
      "x-webkit-deflate-frame",                                      // another extension
      "permessage-deflate, permessage-deflate",                      // two
  })
  void anAnswerToRefuseFailsTheAttemptAndSays1002(String answer) throws Exception {
    BlockingQueue<HostileServer.ClientFrame> frames = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: " + answer + "\r\n"));
      frames.add(HostileServer.readFrame(s));
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      CompletableFuture<Connection> connect = client.connect(r, r.options()
          .permessageDeflate(DeflateOptions.defaults()).build());
      HostileServer.ClientFrame close = frames.poll(10, TimeUnit.SECONDS);
      assertThat(close).as("a close frame").isNotNull();
      assertThat(close.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
      assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
          .contains("RFC");
      connect.handle((c, t) -> null).get(10, TimeUnit.SECONDS); // the ErrorHandler has been asked by then
      assertThat(r.errors).first().satisfies(e -> assertThat(e.kind()).isEqualTo(ErrorEvent.Kind.CONNECT_FAILED));
    }
  }

  @Test
  void serverNoContextTakeoverAskedForAndNotGivenIsRefused() throws Exception {
    BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
      closeCodes.add(HostileServer.readFrame(s).closeCode());
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      client.connect(r, r.options().permessageDeflate(DeflateOptions.builder().serverNoContextTakeover(true).build())
          .build());
      assertThat(closeCodes.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }
  }

  @Test
  void messagesUnderTheThresholdGoUncompressedAndLargerOnesCompressed() throws Exception {
    BlockingQueue<HostileServer.ClientFrame> frames = new LinkedBlockingQueue<>();
    try (HostileServer server = HostileServer.start((s, request) -> {
      HostileServer.send(s, HostileServer.switching(request, "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
      for (int i = 0; i < 2; i++) {
        frames.add(HostileServer.readFrame(s));
      }
      HostileServer.drain(s, 2000);
    })) {
      Recorder r = new Recorder(server.uri("/"));
      r.policy = e -> Result.stop();
      Connection conn = client.connect(r, r.options().permessageDeflate(DeflateOptions.defaults()).build())
          .get(10, TimeUnit.SECONDS);
      String small = "x".repeat(DeflateOptions.DEFAULT_THRESHOLD - 1);
      String large = "x".repeat(DeflateOptions.DEFAULT_THRESHOLD * 4);
      conn.sendText(small).get(10, TimeUnit.SECONDS);
      conn.sendText(large).get(10, TimeUnit.SECONDS);

      HostileServer.ClientFrame first = frames.poll(10, TimeUnit.SECONDS);
      HostileServer.ClientFrame second = frames.poll(10, TimeUnit.SECONDS);
      assertThat(first.rsv()).as("RSV1 of a message under the threshold").isZero();
      assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo(small);
      assertThat(second.rsv()).as("RSV1 of a larger message").isEqualTo(4);
      assertThat(second.payload().length).isLessThan(large.length() / 10);
      conn.close();
    }
  }
}
