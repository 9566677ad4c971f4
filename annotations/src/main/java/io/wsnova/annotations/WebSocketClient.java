package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Static connection defaults for an annotated handler class, so the simplest handler needs no
 * {@link ProvideConnectionInfo} method. Everything here can be overridden by the connect options or a
 * {@link ProvideConnectionInfo} method.
 *
 * <pre>{@code
 * @WebSocketClient(uri = "wss://stream.example.com/v1", subprotocols = "json", pingIntervalMillis = 15_000)
 * public class Ticker { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WebSocketClient {
  /** The address to connect to, {@code ws://host[:port]/path} or {@code wss://...}; empty for none. */
  String uri() default "";

  /** Subprotocols offered in the upgrade request, in order of preference. */
  String[] subprotocols() default {};

  /** Heartbeat ping interval in milliseconds; 0 (the default) sends no pings. */
  long pingIntervalMillis() default 0;

  /**
   * The field that carries a request's id, in requests and answers ({@code Connection.request}); empty
   * for JSON-RPC's {@code "id"}. Options given at connect time ({@code Options.Builder.requests}) win.
   */
  String requestIdField() default "";

  /** The answer's field holding the result; empty for JSON-RPC's {@code "result"}. */
  String resultField() default "";

  /** The answer's field holding an error; empty for JSON-RPC's {@code "error"}. */
  String errorField() default "";

  /**
   * Offer compression ({@code permessage-deflate}, RFC 7692) with default parameters; the server decides.
   * Options given at connect time ({@code Options.Builder.permessageDeflate}) win.
   */
  boolean permessageDeflate() default false;
}
