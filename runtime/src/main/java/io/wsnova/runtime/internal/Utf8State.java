package io.wsnova.runtime.internal;

import io.netty.buffer.ByteBuf;

/**
 * An incremental UTF-8 validator (Unicode 15, table 3-7 "well-formed UTF-8 byte sequences"): rejects
 * overlong forms, surrogates (so CESU-8 {@code ED A0 80} fails), and code points above U+10FFFF.
 */
final class Utf8State {
  /** Continuation bytes still expected in the current sequence. */
  private int pending;
  /** Bounds for the next continuation byte (they narrow after E0, ED, F0, F4). */
  private int low = 0x80;
  private int high = 0xBF;

  boolean isComplete() {
    return pending == 0;
  }

  void reset() {
    pending = 0;
    low = 0x80;
    high = 0xBF;
  }

  /** Feeds the readable bytes of {@code buf} (not consumed); false at the first invalid byte. */
  boolean feed(ByteBuf buf) {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    while (i < end) {
      if (pending == 0) {
        // Fast path: eight ASCII bytes at a time.
        while (i + 8 <= end && (buf.getLong(i) & 0x8080808080808080L) == 0) {
          i += 8;
        }
        if (i >= end) {
          break;
        }
      }
      if (!step(buf.getByte(i) & 0xFF)) {
        return false;
      }
      i++;
    }
    return true;
  }

  private boolean step(int b) {
    if (pending == 0) {
      if (b < 0x80) {
        return true;
      }
      low = 0x80;
      high = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        if (b == 0xE0) {
          low = 0xA0;
        } else if (b == 0xED) {
          high = 0x9F;
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        if (b == 0xF0) {
          low = 0x90;
        } else if (b == 0xF4) {
          high = 0x8F;
        }
      } else {
        return false;
      }
      return true;
    }
    if (b < low || b > high) {
      return false;
    }
    low = 0x80;
    high = 0xBF;
    pending--;
    return true;
  }
}
