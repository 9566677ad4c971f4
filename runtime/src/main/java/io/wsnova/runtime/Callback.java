package io.wsnova.runtime;

import java.util.Set;

/**
 * The callbacks of a {@link ConnectionHandler} and the outcomes each may give: the contract in one
 * place. The annotation processor enforces the same table at compile time; {@link #check(Result)}
 * enforces it at run time for values whose declared type was too broad to judge.
 */
public enum Callback {
  /** {@link ConnectionHandler#init}: once, before the first attempt. */
  INIT("init", Set.of()),
  /** {@link ConnectionHandler#connectionInfo}: where and how to connect, before each attempt. */
  CONNECTION_INFO("connection info", Set.of()),
  /** {@link ConnectionHandler#onConnect}: after each successful upgrade; may reply, close, stop or make readiness wait. */
  ON_CONNECT("on connect", Set.of(Result.Ok.class, Result.Reply.class, Result.Close.class, Result.Stop.class,
      Result.Pending.class)),
  /** {@link ConnectionHandler#onFrame}: each inbound message; may reply, close or stop. */
  ON_FRAME("on frame", Set.of(Result.Ok.class, Result.Reply.class, Result.Close.class, Result.Stop.class)),
  /** {@link ConnectionHandler#prepareFrame}: each outbound message, just before it is written. */
  PREPARE_FRAME("prepare frame", Set.of()),
  /** {@link ConnectionHandler#pingPayload}: the payload of each ping. */
  PING("ping", Set.of()),
  /** {@link ConnectionHandler#onPong}: each pong, with the round trip when it answers our ping. */
  ON_PONG("on pong", Set.of(Result.Ok.class)),
  /** {@link ConnectionHandler#onDisconnect}: after each disconnect; may stop, never reconnect. */
  ON_DISCONNECT("on disconnect", Set.of(Result.Ok.class, Result.Stop.class)),
  /** {@link ConnectionHandler#onTimeout}: an attempt or the heartbeat timed out; may stop, never reconnect. */
  ON_TIMEOUT("on timeout", Set.of(Result.Ok.class, Result.Stop.class)),
  /** {@link ConnectionHandler#status}: the handler's part of {@link Connection#status()}. */
  STATUS("status", Set.of());

  private final String label;
  @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf: unmodifiable, though its type cannot say so
  private final Set<Class<? extends Result>> outcomes;
  // The same set as flags: check() runs for every frame, and a set lookup there cost 5 % of a 64-byte echo.
  private final boolean reply;
  private final boolean close;
  private final boolean stop;
  private final boolean pending;

  Callback(String label, Set<Class<? extends Result>> outcomes) {
    this.label = label;
    this.outcomes = outcomes;
    this.reply = this.outcomes.contains(Result.Reply.class);
    this.close = this.outcomes.contains(Result.Close.class);
    this.stop = this.outcomes.contains(Result.Stop.class);
    this.pending = this.outcomes.contains(Result.Pending.class);
  }

  /** The callback's name as the documentation and error messages spell it, e.g. "on frame". */
  public String label() {
    return label;
  }

  /** The {@link Result} records this callback may return; empty for callbacks that return a value instead. */
  public Set<Class<? extends Result>> outcomes() {
    return outcomes;
  }

  /**
   * Returns {@code result}, or {@link Result#ok()} for {@code null}, if this callback may give it.
   *
   * @throws ContractViolationException if it may not, a {@link Result.Reconnect} above all
   */
  public Result check(Result result) {
    if (result == null || result instanceof Result.Ok) {
      return Result.OK; // every callback that gives a Result may give ok
    }
    boolean allowed = result instanceof Result.Reply ? reply
        : result instanceof Result.Close ? close
        : result instanceof Result.Stop ? stop
        : result instanceof Result.Pending && pending; // Reconnect: never
    if (!allowed) {
      throw new ContractViolationException(this, result);
    }
    return result;
  }
}
