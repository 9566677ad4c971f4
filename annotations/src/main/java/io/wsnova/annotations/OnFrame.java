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
 *   <li>a decoded type with {@link #field()} and {@link #value()}: text frames whose JSON object has
 *       that top-level field with that value, e.g. {@code @OnFrame(field = "type", value = "tick")};</li>
 *   <li>a decoded type without them: every text frame;</li>
 *   <li>{@code String}: text frames (those no JSON route took, when there are JSON routes);</li>
 *   <li>{@code byte[]} or {@code ByteBuffer}: binary frames;</li>
 *   <li>no payload parameter: every data frame.</li>
 * </ul>
 * Two methods that would receive the same frame are a compile-time error. A text frame that no method
 * takes, or JSON that does not decode, is reported to the ErrorHandler, never dropped silently.
 *
 * <p>Returns {@code void} or {@code null} (carry on), {@code String} or {@code byte[]} (reply with a
 * text or binary frame), or {@code io.wsnova.runtime.Result} and its records {@code Ok}, {@code Reply},
 * {@code Close}, {@code Stop}. Never {@code Result.Reconnect}: reconnection is decided by the ErrorHandler.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnFrame {
  /** The top-level JSON field that routes messages to this method, e.g. {@code "type"}; set with {@link #value()}. */
  String field() default "";

  /** The value {@link #field()} must have for a message to come here, e.g. {@code "tick"}. */
  String value() default "";
}
