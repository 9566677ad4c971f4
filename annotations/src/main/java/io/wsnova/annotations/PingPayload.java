package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the payload of each heartbeat ping (at most 125 bytes, RFC 6455 section 5.5).
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Connection}.
 * Returns {@code byte[]}, {@code java.nio.ByteBuffer} or {@code String} (sent as UTF-8).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PingPayload {}
