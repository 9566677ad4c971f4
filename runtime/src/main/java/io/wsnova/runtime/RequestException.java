package io.wsnova.runtime;

import tools.jackson.databind.JsonNode;

/**
 * The server answered a request with an error ({@code {"error": {"code": 13009, "message": "unauthorized",
 * "data": ...}}} in JSON-RPC): {@link #code()}, {@link #message()} and {@link #data()} say what it said.
 */
public final class RequestException extends Exception {
  private final long code;
  private final String serverMessage;
  private final transient JsonNode data;

  public RequestException(long code, String message, JsonNode data) {
    super("the server answered with error " + code + ": " + message);
    this.code = code;
    this.serverMessage = message;
    this.data = data;
  }

  /** The error's code. */
  public long code() {
    return code;
  }

  /** The error's message, as the server wrote it. */
  public String message() {
    return serverMessage;
  }

  /** The error's data, or {@code null}. */
  public JsonNode data() {
    return data;
  }
}
