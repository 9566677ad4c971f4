package io.wsnova.runtime;

import java.util.stream.Collectors;

/**
 * A callback gave an outcome its contract does not allow, e.g. a {@link Result.Reconnect} from a
 * {@link ConnectionHandler}. The runtime refuses the outcome and reports this to the {@link ErrorHandler}
 * as not retriable: retrying cannot fix code.
 */
public final class ContractViolationException extends RuntimeException {
  private final Callback callback;
  private final transient Result result;

  public ContractViolationException(Callback callback, Result result) {
    super(message(callback, result));
    this.callback = callback;
    this.result = result;
  }

  public Callback callback() {
    return callback;
  }

  public Result result() {
    return result;
  }

  private static String message(Callback callback, Result result) {
    String allowed = callback.outcomes().stream()
        .map(c -> "Result." + c.getSimpleName())
        .sorted()
        .collect(Collectors.joining(", "));
    if (result instanceof Result.Reconnect) {
      return "the " + callback.label() + " callback returned " + result
          + ": ConnectionHandler callbacks must not return a reconnect result; reconnection is decided by the"
          + " ErrorHandler (Options.builder().errorHandler(...)). It may return: " + allowed;
    }
    return "the " + callback.label() + " callback returned " + result + ", which it may not. It may return: "
        + (allowed.isEmpty() ? "no Result" : allowed);
  }
}
