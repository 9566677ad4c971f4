package io.wsnova.runtime;

/** The server answered the WebSocket upgrade with a status other than 101 Switching Protocols. */
public final class UpgradeRejectedException extends Exception {
  private final int status;
  private final String reasonPhrase;

  public UpgradeRejectedException(int status, String reasonPhrase) {
    super("upgrade rejected: HTTP " + status + " " + reasonPhrase);
    this.status = status;
    this.reasonPhrase = reasonPhrase;
  }

  public int status() {
    return status;
  }

  public String reasonPhrase() {
    return reasonPhrase;
  }
}
