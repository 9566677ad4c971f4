package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies where and how to connect; runs before <em>every</em> connection attempt, so a reconnect
 * can pick another host or fresh credentials.
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Options},
 * {@code io.wsnova.runtime.Connection}. Returns {@code io.wsnova.runtime.ConnectionInfo}, or
 * {@code java.net.URI} / {@code String} (a {@code ws://} or {@code wss://} address). Throw to report an
 * error: the ErrorHandler decides what happens next.
 *
 * <p>Optional when the class carries {@link WebSocketClient#uri()} or the options carry a URI.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ProvideConnectionInfo {}
