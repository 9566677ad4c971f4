package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the handler's own part of {@code Connection.status()}: any value the user wants to see
 * (counters, the last sequence number, ...).
 *
 * <p>Parameters, any subset in any order: {@code io.wsnova.runtime.Connection}. Returns any reference
 * type (not {@code void}); throw to report an error, which fails the status future.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ReportStatus {}
