package io.wsnova.runtime;

/** A {@link ConnectionInfo} field has a value no connection can use; {@link #field()} names it. Not retriable. */
public final class InvalidConnectionInfoException extends IllegalArgumentException {
  private final String field;

  public InvalidConnectionInfoException(String field, String problem) {
    super("invalid connection info: " + field + " " + problem);
    this.field = field;
  }

  /** The offending field, e.g. {@code "port"}. */
  public String field() {
    return field;
  }
}
