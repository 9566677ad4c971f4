package io.wsnova.runtime;

/**
 * Compression with the {@code permessage-deflate} extension (RFC 7692), offered to the server when set with
 * {@link Options.Builder#permessageDeflate(DeflateOptions)}; off by default. The server decides: if it does
 * not accept, messages go uncompressed. {@link ConnectionStatus#extensions()} shows what was agreed.
 *
 * <ul>
 *   <li>Inbound, a compressed message counts against {@link Options#maxMessageSize()} as it inflates: one
 *       that would inflate past it closes the connection with 1009 without being inflated further.</li>
 *   <li>Outbound, messages shorter than {@link #threshold()} bytes go uncompressed (compressing them costs
 *       more time than it saves bytes); the prepare frame callback sees every message uncompressed.</li>
 *   <li>The JDK's deflater uses a 15-bit window only: if the server limits the client's window to less
 *       ({@code client_max_window_bits} below 15), this client sends its messages uncompressed, which
 *       RFC 7692 allows, and still inflates the server's.</li>
 * </ul>
 *
 * <pre>{@code
 * Options.builder().permessageDeflate(DeflateOptions.builder().serverNoContextTakeover(true).build())
 * }</pre>
 */
public final class DeflateOptions {
  /** Messages shorter than this many bytes are sent uncompressed, unless {@link Builder#threshold} says otherwise. */
  public static final int DEFAULT_THRESHOLD = 256;

  private static final DeflateOptions DEFAULTS = builder().build();

  private final boolean clientNoContextTakeover;
  private final boolean serverNoContextTakeover;
  private final int serverMaxWindowBits;
  private final int threshold;
  private final int level;

  private DeflateOptions(Builder b) {
    this.clientNoContextTakeover = b.clientNoContextTakeover;
    this.serverNoContextTakeover = b.serverNoContextTakeover;
    this.serverMaxWindowBits = b.serverMaxWindowBits;
    this.threshold = b.threshold;
    this.level = b.level;
  }

  /** The offer with every parameter at its default: context takeover both ways, 15-bit windows. */
  public static DeflateOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the offer says this client resets its compression context after each message. */
  public boolean clientNoContextTakeover() {
    return clientNoContextTakeover;
  }

  /** Whether the offer asks the server to reset its compression context after each message. */
  public boolean serverNoContextTakeover() {
    return serverNoContextTakeover;
  }

  /** The largest window the server may compress with, 8 to 15; 15 (the default) asks for no limit. */
  public int serverMaxWindowBits() {
    return serverMaxWindowBits;
  }

  /** Outbound messages shorter than this are sent uncompressed. */
  public int threshold() {
    return threshold;
  }

  /** The deflate level for outbound messages, 1 (fastest) to 9 (smallest); 6 by default. */
  public int level() {
    return level;
  }

  @Override
  public String toString() {
    return "DeflateOptions[clientNoContextTakeover=" + clientNoContextTakeover + ", serverNoContextTakeover="
        + serverNoContextTakeover + ", serverMaxWindowBits=" + serverMaxWindowBits + ", threshold=" + threshold
        + ", level=" + level + "]";
  }

  /** Builds {@link DeflateOptions}. */
  public static final class Builder {
    private boolean clientNoContextTakeover;
    private boolean serverNoContextTakeover;
    private int serverMaxWindowBits = 15;
    private int threshold = DEFAULT_THRESHOLD;
    private int level = 6;

    private Builder() {}

    /** Offer {@code client_no_context_takeover}: less memory per connection, a worse ratio. */
    public Builder clientNoContextTakeover(boolean value) {
      this.clientNoContextTakeover = value;
      return this;
    }

    /** Ask for {@code server_no_context_takeover}: the server keeps no context between messages. */
    public Builder serverNoContextTakeover(boolean value) {
      this.serverNoContextTakeover = value;
      return this;
    }

    /** Ask the server for a window of at most {@code bits} (8 to 15; 15 asks for nothing). */
    public Builder serverMaxWindowBits(int bits) {
      if (bits < 8 || bits > 15) {
        throw new IllegalArgumentException("serverMaxWindowBits must be 8 to 15 (RFC 7692), was " + bits);
      }
      this.serverMaxWindowBits = bits;
      return this;
    }

    /** Send messages shorter than {@code bytes} uncompressed (0 compresses every message). */
    public Builder threshold(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("threshold must be zero or positive, was " + bytes);
      }
      this.threshold = bytes;
      return this;
    }

    /** The deflate level, 1 to 9. */
    public Builder level(int level) {
      if (level < 1 || level > 9) {
        throw new IllegalArgumentException("level must be 1 to 9, was " + level);
      }
      this.level = level;
      return this;
    }

    public DeflateOptions build() {
      return new DeflateOptions(this);
    }
  }
}
