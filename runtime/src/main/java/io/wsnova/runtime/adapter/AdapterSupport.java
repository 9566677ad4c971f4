package io.wsnova.runtime.adapter;

import io.wsnova.runtime.UnhandledMessageException;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Result;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Conversions between the shapes user methods may have and the {@link io.wsnova.runtime.ConnectionHandler} contract. */
public final class AdapterSupport {
  private AdapterSupport() {}

  /** A user method's {@code String} return: reply with a text frame, or carry on for {@code null}. */
  public static Result replyText(String text) {
    return text == null ? Result.ok() : Result.reply(text);
  }

  /** A user method's {@code byte[]} return: reply with a binary frame, or carry on for {@code null}. */
  public static Result replyBinary(byte[] payload) {
    return payload == null ? Result.ok() : Result.reply(payload);
  }

  /** A user method's narrow {@code Result} record return: itself, or carry on for {@code null}. */
  public static Result orOk(Result result) {
    return result == null ? Result.ok() : result;
  }

  /** A prepare frame method's {@code String} return: the frame with that text, unchanged for {@code null}. */
  public static Frame withText(Frame original, String text) {
    return text == null ? original : Frame.text(text);
  }

  /** A prepare frame method's {@code byte[]} return: the frame with that payload, unchanged for {@code null}. */
  public static Frame withBinary(Frame original, byte[] payload) {
    return payload == null ? original : Frame.binary(payload);
  }

  /** A prepare frame method's {@code Frame} return: itself, unchanged for {@code null}. */
  public static Frame orOriginal(Frame original, Frame prepared) {
    return prepared == null ? original : prepared;
  }

  /** Whether a frame is of the given type (the routing test of prepare frame methods). */
  public static boolean is(Frame frame, FrameType type) {
    return frame.type() == type;
  }

  /** A read-only view, for user methods that take a {@code ByteBuffer}. */
  public static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** The remaining bytes of a buffer, for ping methods that return a {@code ByteBuffer}. */
  public static byte[] bytes(ByteBuffer buffer) {
    return buffer == null ? new byte[0] : Frame.binary(buffer).bytes(); // one copying routine, in Frame
  }

  /** Ping methods that return a {@code String}: its UTF-8 bytes. */
  public static byte[] bytes(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Ping methods that return a {@code byte[]}: {@code null} as empty. */
  public static byte[] bytes(byte[] payload) {
    return payload == null ? new byte[0] : payload;
  }

  /** Connection info methods that return a {@code URI}. */
  public static ConnectionInfo connectionInfo(URI uri) {
    return ConnectionInfo.of(uri);
  }

  /** Connection info methods that return a {@code String} address. */
  public static ConnectionInfo connectionInfo(String uri) {
    return ConnectionInfo.of(uri);
  }

  /** A text message no method takes. */
  public static UnhandledMessageException unhandled(String text) {
    return new UnhandledMessageException("no @OnFrame method takes this text message", text, null);
  }

  /** A binary message no method takes. */
  public static UnhandledMessageException unhandled(byte[] payload) {
    return new UnhandledMessageException(
        "no @OnFrame method takes binary messages", "(" + payload.length + " bytes)", null);
  }

  /**
   * The request options of a handler class with {@code @WebSocketClient(requestIdField, resultField,
   * errorField)}: the options' own when they were given, else JSON-RPC's with the class's fields
   * (an empty field keeps JSON-RPC's).
   */
  /** The options' permessage-deflate offer if they make one, else the default offer ({@code @WebSocketClient}). */
  public static io.wsnova.runtime.DeflateOptions permessageDeflate(io.wsnova.runtime.Options options) {
    return options.permessageDeflate().orElse(io.wsnova.runtime.DeflateOptions.defaults());
  }

  public static io.wsnova.runtime.RequestOptions requestOptions(io.wsnova.runtime.Options options, String idField,
      String resultField, String errorField) {
    if (options.requestsGiven()) {
      return options.requests();
    }
    io.wsnova.runtime.RequestOptions r = options.requests();
    return r.withIdField(idField.isEmpty() ? r.idField() : idField)
        .withAnswerFields(resultField.isEmpty() ? r.resultField() : resultField,
            errorField.isEmpty() ? r.errorField() : errorField);
  }

  /**
   * Default connection info for an annotated class: the options' URI if given, else the class's
   * {@code @WebSocketClient} URI, with its subprotocols and ping interval.
   */
  public static ConnectionInfo defaults(
      io.wsnova.runtime.Options options, String uri, String[] subprotocols, long pingIntervalMillis) {
    URI address = options.uri().orElse(uri.isEmpty() ? null : URI.create(uri));
    if (address == null) {
      throw new io.wsnova.runtime.InvalidConnectionInfoException("uri",
          "is missing: give Options.builder().uri(...), @WebSocketClient(uri = ...) or a @ProvideConnectionInfo method");
    }
    ConnectionInfo.Builder b = ConnectionInfo.builder(address).subprotocols(subprotocols);
    if (pingIntervalMillis > 0) {
      b.pingInterval(java.time.Duration.ofMillis(pingIntervalMillis));
    }
    return b.build();
  }
}
