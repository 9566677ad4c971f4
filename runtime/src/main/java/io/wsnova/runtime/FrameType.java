package io.wsnova.runtime;

/** The kinds of WebSocket frame a handler sees (RFC 6455 section 5.2; continuation frames are reassembled first). */
public enum FrameType {
  TEXT,
  BINARY,
  PING,
  PONG,
  CLOSE;

  /** Whether this type carries application data (text or binary) rather than control information. */
  public boolean isData() {
    return this == TEXT || this == BINARY;
  }
}
