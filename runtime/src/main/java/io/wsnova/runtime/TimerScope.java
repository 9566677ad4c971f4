package io.wsnova.runtime;

/** How long a task scheduled on a connection lives. */
public enum TimerScope {
  /** Until the current connection drops: per-connection work, such as refreshing its token. */
  CONNECTION,
  /** Until the connection stops for good, across reconnects. */
  SESSION
}
