package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when connecting or upgrading took longer than the connection info's timeout.
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.DisconnectReason.Timeout},
 * {@code io.wsnova.runtime.ConnectionInfo}, {@code io.wsnova.runtime.Connection}.
 *
 * <p>Returns {@code void} (ok) or {@code io.wsnova.runtime.Result} / {@code Result.Ok} /
 * {@code Result.Stop}. The ErrorHandler then decides whether to try again.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnTimeout {}
