package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a pong arrives.
 *
 * <p>Parameters, any subset in any order: {@code byte[]} or {@code java.nio.ByteBuffer} (the pong
 * payload), {@code java.time.Duration} (round trip since the matching ping, or {@code null} for an
 * unsolicited pong), {@code io.wsnova.runtime.Connection}.
 *
 * <p>Returns {@code void}, or {@code io.wsnova.runtime.Result.Ok}: a pong cannot be answered.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnPong {}
