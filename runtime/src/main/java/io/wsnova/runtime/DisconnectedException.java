package io.wsnova.runtime;

/** What was waiting on the connection (a request's answer) will not come: the connection ended. */
public final class DisconnectedException extends Exception {
  private final transient DisconnectReason reason;

  public DisconnectedException(DisconnectReason reason) {
    super("the connection ended before the answer came: " + reason);
    this.reason = reason;
  }

  /** Why the connection ended. */
  public DisconnectReason reason() {
    return reason;
  }
}
