package io.wsnova.runtime;

/** How the bytes travel: plain TCP ({@code ws://}) or TLS ({@code wss://}). */
public enum Transport {
  TCP,
  TLS
}
