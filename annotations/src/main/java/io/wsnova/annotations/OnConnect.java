package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when the WebSocket upgrade succeeded: the connection is open.
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Connection} (tells the first
 * connect from a reconnect, and the chosen subprotocol), {@code io.wsnova.runtime.ConnectionInfo}.
 *
 * <p>Returns {@code void} or {@code null} (carry on), {@code String} or {@code byte[]} (reply with a
 * text or binary frame), or {@code io.wsnova.runtime.Result} and its records {@code Ok}, {@code Reply},
 * {@code Close}, {@code Stop}. Never {@code Result.Reconnect}: reconnection is decided by the ErrorHandler.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnConnect {}
