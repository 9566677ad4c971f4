package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once, when the handler is created, before the first connection attempt.
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Options} (the connect options),
 * {@code io.wsnova.runtime.Connection}. Returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnInit {}
