package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs before every data frame is sent, whether the user sent it or a callback returned it as a
 * reply, and may change it (stamp an id, add a field, compress).
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Frame} (the frame about to be sent),
 * {@code String} (its text), {@code byte[]} or {@code java.nio.ByteBuffer} (its binary payload),
 * {@code io.wsnova.runtime.FrameType}, {@code io.wsnova.runtime.Connection}. A method that takes
 * {@code String} sees only text frames; one that takes {@code byte[]} or {@code ByteBuffer} only
 * binary frames; the others pass through unchanged.
 *
 * <p>Returns {@code io.wsnova.runtime.Frame}, {@code String} (the new text) or {@code byte[]} (the new
 * binary payload). Returning {@code null} sends the frame unchanged. Throw to refuse the send: its
 * future fails with that exception.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PrepareFrame {}
