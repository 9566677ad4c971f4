package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when the connection ended, whatever the reason: a close frame from the server (with its code
 * and reason), a protocol error (closed with the RFC 6455 code), a transport error, a pong timeout, or
 * a local close.
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.DisconnectReason} (or one of its
 * records), {@code io.wsnova.runtime.Connection}.
 *
 * <p>Returns {@code void} (ok) or {@code io.wsnova.runtime.Result} / {@code Result.Ok} /
 * {@code Result.Stop} (never reconnect). Whether and when to reconnect is the ErrorHandler's decision,
 * made after this method returns.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnDisconnect {}
