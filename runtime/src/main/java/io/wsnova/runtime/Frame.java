package io.wsnova.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One WebSocket message or control frame, as a handler receives it and as it is sent.
 *
 * <p>A text frame carries a {@link #text()}; every other type carries bytes ({@link #bytes()}), and a
 * close frame also its {@link #closeCode()} and {@link #closeReason()}. Frames are immutable once built;
 * the byte array given to {@link #binary(byte[])} belongs to the frame from then on.
 */
public final class Frame {
  private static final byte[] EMPTY = new byte[0];

  private final FrameType type;
  private final String text;
  private final byte[] bytes;
  private final int closeCode;

  private Frame(FrameType type, String text, byte[] bytes, int closeCode) {
    this.type = type;
    this.text = text;
    this.bytes = bytes;
    this.closeCode = closeCode;
  }

  /** A text frame. */
  public static Frame text(String text) {
    return new Frame(FrameType.TEXT, Objects.requireNonNull(text, "text"), null, -1);
  }

  /** A binary frame that takes ownership of {@code payload} (it is not copied). */
  public static Frame binary(byte[] payload) {
    return new Frame(FrameType.BINARY, null, Objects.requireNonNull(payload, "payload"), -1);
  }

  /** A binary frame with a copy of the remaining bytes of {@code payload}. */
  public static Frame binary(ByteBuffer payload) {
    return binary(copy(payload));
  }

  /** A ping frame; its payload must be at most 125 bytes. */
  public static Frame ping(byte[] payload) {
    return new Frame(FrameType.PING, null, controlPayload(payload), -1);
  }

  /** A pong frame; its payload must be at most 125 bytes. */
  public static Frame pong(byte[] payload) {
    return new Frame(FrameType.PONG, null, controlPayload(payload), -1);
  }

  /**
   * A close frame. {@code code} is -1 for a close frame without a status code (RFC 6455 section 5.5.1),
   * in which case {@code reason} must be empty.
   */
  public static Frame close(int code, String reason) {
    String why = reason == null ? "" : reason;
    if (code == -1 && !why.isEmpty()) {
      throw new IllegalArgumentException("a close frame without a code cannot carry a reason");
    }
    return new Frame(FrameType.CLOSE, why, EMPTY, code);
  }

  public FrameType type() {
    return type;
  }

  /** The text of a text frame; {@code null} for other types (a close frame's reason is {@link #closeReason()}). */
  public String text() {
    return type == FrameType.TEXT ? text : null;
  }

  /**
   * The payload of a binary, ping or pong frame, without a copy: do not change it. For a text frame, its
   * UTF-8 bytes (a new array).
   */
  public byte[] bytes() {
    return type == FrameType.TEXT ? text.getBytes(StandardCharsets.UTF_8) : bytes;
  }

  /** A read-only view of {@link #bytes()}. */
  public ByteBuffer data() {
    return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
  }

  /** The status code of a close frame, -1 when it had none or this is not a close frame. */
  public int closeCode() {
    return closeCode;
  }

  /** The reason of a close frame, empty when it had none; {@code null} for other types. */
  public String closeReason() {
    return type == FrameType.CLOSE ? text : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && f.type == type
        && f.closeCode == closeCode
        && Objects.equals(f.text, text)
        && Arrays.equals(f.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, closeCode) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return switch (type) {
      case TEXT -> "Frame[TEXT, " + abbreviate(text) + "]";
      case CLOSE -> "Frame[CLOSE, " + closeCode + " " + abbreviate(text) + "]";
      default -> "Frame[" + type + ", " + bytes.length + " bytes]";
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 57) + "...\" (" + s.length() + " chars)";
  }

  private static byte[] controlPayload(byte[] payload) {
    byte[] p = payload == null ? EMPTY : payload;
    if (p.length > 125) {
      throw new IllegalArgumentException(
          "a control frame's payload is at most 125 bytes (RFC 6455 section 5.5), got " + p.length);
    }
    return p;
  }

  private static byte[] copy(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
