package io.wsnova.processor;

import java.lang.reflect.Method;

/**
 * The adapter name the runtime looks for, from its internal lookup: the processor's names and the
 * runtime's must agree for every class name, and only a test that asks both can show it.
 */
final class RuntimeAdapterNames {
  private RuntimeAdapterNames() {}

  static String of(Class<?> handler) throws ReflectiveOperationException {
    Method m = Class.forName("io.wsnova.runtime.adapter.HandlerAdapters").getDeclaredMethod("adapterName", Class.class);
    m.setAccessible(true); // package-private in the runtime: not API, but the contract under test
    return (String) m.invoke(null, handler);
  }

  /** The message of the runtime's refusal to adapt {@code handler}. */
  static String lookupFailure(Object handler) throws ReflectiveOperationException {
    Method m = Class.forName("io.wsnova.runtime.adapter.HandlerAdapters").getDeclaredMethod("adapt", Object.class);
    m.setAccessible(true);
    try {
      m.invoke(null, handler);
      throw new AssertionError("adapted " + handler.getClass());
    } catch (java.lang.reflect.InvocationTargetException e) {
      return e.getCause().getMessage();
    }
  }
}
