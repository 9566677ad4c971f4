package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives data frames (whole messages: fragments are reassembled first).
 *
 * <p>Parameters, any subset in any order:
 * <ul>
 *   <li>{@code String}: the text of a text frame;</li>
 *   <li>{@code byte[]} or {@code java.nio.ByteBuffer}: the payload of a binary frame;</li>
 *   <li>{@code io.wsnova.runtime.FrameType} and {@code io.wsnova.runtime.Connection};</li>
 *   <li>any other type, e.g. a record: the text frame decoded from JSON with Jackson.</li>
 * </ul>
 *
 * <p>Which frames a method receives follows from its parameters, and several methods may split the
 * frames between them:
 * <ul>
 *   <li>a decoded type with a route: text frames whose JSON object matches every condition of the route.
 *       {@link #field()} and {@link #value()} make one condition, e.g. {@code @OnFrame(field = "type",
 *       value = "tick")}; {@link #when()} adds more, e.g. {@code @OnFrame(when = {"method=subscription",
 *       "params.channel=trades.*"})}. A field may be a dotted path into nested objects
 *       ({@code params.channel}); a value ending in {@code *} matches every value that starts with what
 *       comes before it (a {@code *} elsewhere is literal, and so is {@code \\*} at the end). {@link #decode()} hands the method a nested part of the message instead of the
 *       whole;</li>
 *   <li>a decoded type without them: every text frame;</li>
 *   <li>{@code String}: text frames (those no JSON route took, when there are JSON routes);</li>
 *   <li>{@code byte[]} or {@code ByteBuffer}: binary frames;</li>
 *   <li>no payload parameter: every data frame.</li>
 * </ul>
 * Routes are tried most specific first: more conditions before fewer, then more exact values before
 * prefixes, then longer values before shorter, so a frame goes to the most specific route it matches.
 * Two methods that would receive the same frame, with no precedence between them, are a compile-time
 * error. A text frame that no method takes, or JSON that does not decode, is reported to the
 * ErrorHandler, never dropped silently.
 *
 * <p>Returns {@code void} or {@code null} (carry on), {@code String} or {@code byte[]} (reply with a
 * text or binary frame), or {@code io.wsnova.runtime.Result} and its records {@code Ok}, {@code Reply},
 * {@code Close}, {@code Stop}. Never {@code Result.Reconnect}: reconnection is decided by the ErrorHandler.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnFrame {
  /**
   * The JSON field that routes messages to this method, e.g. {@code "type"}, or a dotted path into nested
   * objects, e.g. {@code "params.channel"}; set with {@link #value()}.
   */
  String field() default "";

  /** The value {@link #field()} must have, e.g. {@code "tick"}, or a prefix followed by {@code *} ({@code "ticker.*"}). */
  String value() default "";

  /**
   * More conditions, each {@code "path=value"}: {@code {"method=subscription", "params.channel=trades.*"}}.
   * A message must meet all of them (and {@link #field()} = {@link #value()}, if set).
   */
  String[] when() default {};

  /**
   * A dotted path to the part of the message the JSON parameter receives, e.g. {@code "params.data"};
   * empty for the whole message.
   */
  String decode() default "";
}
