package io.wsnova.runtime;

/** RFC 6455 section 7.4 status codes, and which of them may travel in a close frame. */
public final class CloseCodes {
  /** Normal closure: the purpose of the connection was fulfilled. */
  public static final int NORMAL = 1000;
  /** An endpoint is going away: a server shutting down, a client closing its {@link NovaClient}. */
  public static final int GOING_AWAY = 1001;
  /** The peer broke the protocol (a frame RFC 6455 does not allow). */
  public static final int PROTOCOL_ERROR = 1002;
  /** A kind of data the endpoint cannot take (e.g. binary to a text-only endpoint). */
  public static final int UNSUPPORTED_DATA = 1003;
  /** Reserved: never sent; means the close frame had no status code. */
  public static final int NO_STATUS = 1005;
  /** Reserved: never sent; means the connection dropped without a close frame. */
  public static final int ABNORMAL = 1006;
  /** A message's data was not consistent with its type: text that is not valid UTF-8. */
  public static final int INVALID_PAYLOAD = 1007;
  /** A message broke the endpoint's policy; used when no more specific code fits. */
  public static final int POLICY_VIOLATION = 1008;
  /** A message was too big to process ({@link Options#maxMessageSize()}). */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** The endpoint met a condition it could not handle (a callback that threw, here). */
  public static final int INTERNAL_ERROR = 1011;

  private CloseCodes() {}

  /** Whether {@code code} may appear in a close frame on the wire (RFC 6455 section 7.4.1 and 7.4.2). */
  public static boolean isSendable(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  /** The most bytes of UTF-8 a close frame's reason may have (RFC 6455 section 5.5: 125 less the code). */
  public static final int MAX_REASON_BYTES = 123;

  /**
   * {@code reason} as a close frame can carry it: at most {@link #MAX_REASON_BYTES} bytes of UTF-8, cut
   * at a code point (never inside one), {@code ""} for {@code null}. The one rule for every close reason
   * wsnova sends: from callbacks, the ErrorHandler, {@code close()} and protocol errors alike.
   */
  public static String fitReason(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.length() <= MAX_REASON_BYTES / 3) {
      return reason; // even at 3 bytes a char it fits (a surrogate pair is 4 bytes for 2 chars)
    }
    byte[] b = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while ((b[end] & 0xC0) == 0x80) {
      end--; // b[end] continues a code point: cut before the code point starts
    }
    return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void requireSendable(int code) {
    if (!isSendable(code)) {
      throw new IllegalArgumentException(
          "close code " + code + " cannot be sent: use 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4)");
    }
  }
}
