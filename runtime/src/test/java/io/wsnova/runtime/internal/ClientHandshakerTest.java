package io.wsnova.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The frame handlers the upgrade leaves in the pipeline, with and without an extension. */
class ClientHandshakerTest {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 section 1.3

  /** A channel that sent its upgrade request, and the 101 that answers it. */
  private static FullHttpResponse upgradeOn(EmbeddedChannel channel, ClientHandshaker handshaker) throws Exception {
    handshaker.handshake(channel).sync();
    io.netty.buffer.ByteBuf request = channel.readOutbound(); // as the HTTP codec wrote it
    String text = request.toString(StandardCharsets.US_ASCII);
    request.release();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)sec-websocket-key: (\\S+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    String key = m.group(1);
    String accept = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
    response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
        .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, accept);
    return response;
  }

  private static ClientHandshaker handshaker() {
    return new ClientHandshaker(URI.create("ws://example.test/feed"), null, new DefaultHttpHeaders(), 1 << 16, null);
  }

  /** A channel with the HTTP codec whose handshake request went out; the 101 that answers it is not read yet. */
  private record Upgrade(EmbeddedChannel channel, ClientHandshaker handshaker, FullHttpResponse response) {
    static Upgrade started() throws Exception {
      EmbeddedChannel channel = new EmbeddedChannel();
      channel.pipeline().addLast("http", new HttpClientCodec());
      ClientHandshaker handshaker = ClientHandshakerTest.handshaker(); // not the record's own accessor
      return new Upgrade(channel, handshaker, upgradeOn(channel, handshaker));
    }

    void close() {
      response.release();
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void withoutAnExtensionTheDispatcherDecodesAndNoEncoderIsLeft() throws Exception {
    Upgrade u = Upgrade.started();
    EmbeddedChannel channel = u.channel();
    assertThat(channel.pipeline().get(MaskingFrameEncoder.class)).as("Netty adds it with the request").isNotNull();
    FrameDispatcher dispatcher = new FrameDispatcher(new RecordingSink(), new Attempt(null), 1 << 16);
    u.handshaker().decodeWith(dispatcher);
    u.handshaker().finish(channel, u.response());
    channel.runPendingTasks(); // Netty removes the HTTP codec in a task
    assertThat(channel.pipeline().context(dispatcher)).isNotNull();
    assertThat(channel.pipeline().get(MaskingFrameEncoder.class)).as("the connection encodes its own frames").isNull();
    assertThat(channel.pipeline().get(HttpClientCodec.class)).isNull();
    u.close();
  }

  @Test
  void withAnExtensionNettysDecoderAndOurEncoderStay() throws Exception {
    Upgrade u = Upgrade.started();
    EmbeddedChannel channel = u.channel();
    u.handshaker().finish(channel, u.response()); // no decodeWith: permessage-deflate was agreed
    channel.runPendingTasks();
    assertThat(channel.pipeline().get(MaskingFrameEncoder.class)).as("behind the deflater, which gives frames")
        .isNotNull();
    assertThat(channel.pipeline().get(WebSocket13FrameDecoder.class)).isNotNull();
    u.close();
  }
}
