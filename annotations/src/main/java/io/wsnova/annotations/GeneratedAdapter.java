package io.wsnova.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class the wsnova processor generated as the adapter of one handler class. Not for users: the
 * processor reads it back when a later, partial compile (an IDE saving one file, an incremental build)
 * finds the adapter already on the class path or source path, to tell its own earlier output from a
 * user's type that merely has the same name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GeneratedAdapter {
  /** The canonical name of the handler class this adapter wraps, e.g. {@code "demo.Feed"}. */
  String handler();

  /**
   * A digest of the adapter's text: equal digests mean the existing adapter is exactly what the handler,
   * as it is now, generates.
   */
  String digest();
}
