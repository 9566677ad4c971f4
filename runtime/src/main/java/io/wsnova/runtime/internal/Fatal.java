package io.wsnova.runtime.internal;

/** The one kind of throwable no callback failure may swallow: the JVM itself is failing. */
final class Fatal {
  private Fatal() {}

  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      throw e;
    }
  }
}
