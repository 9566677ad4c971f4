package io.wsnova.runtime;

/**
 * A text message that no {@code @OnFrame} method takes, or whose JSON does not decode into the type of
 * the method it was routed to. Reported to the ErrorHandler (kind CALLBACK_FAILED), never dropped silently;
 * the default ErrorHandler carries on.
 */
public final class UnhandledMessageException extends RuntimeException {
  private final String problem;
  private final String text;

  public UnhandledMessageException(String problem, String text, Throwable cause) {
    super(problem + ": " + abbreviate(text), cause);
    this.problem = problem;
    this.text = text;
  }

  /** What is wrong, without the message: "no @OnFrame method takes this text message". */
  public String problem() {
    return problem;
  }

  /** The whole message. */
  public String text() {
    return text;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 197) + "... (" + s.length() + " chars)";
  }
}
