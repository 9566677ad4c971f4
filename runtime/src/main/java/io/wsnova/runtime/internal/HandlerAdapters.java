package io.wsnova.runtime.internal;

import io.wsnova.runtime.ConnectionHandler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds the generated adapter of an annotated object: {@code pkg.Outer_InnerConnectionHandler} for
 * {@code pkg.Outer.Inner}. Looked up once per class (at connect time, never per frame) and cached.
 */
final class HandlerAdapters {
  private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
    /** The adapter of the class, or of the nearest superclass that has one (for anonymous subclasses). */
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        try {
          Class<?> adapter = Class.forName(adapterName(c), true, c.getClassLoader());
          MethodHandle ctor = MethodHandles.publicLookup()
              .findConstructor(adapter, MethodType.methodType(void.class, c));
          return ctor.asType(MethodType.methodType(ConnectionHandler.class, Object.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
          // not this class: try its superclass
        }
      }
      return null;
    }
  };

  private HandlerAdapters() {}

  static ConnectionHandler adapt(Object handler) {
    if (handler instanceof ConnectionHandler h) {
      return h;
    }
    MethodHandle ctor = CONSTRUCTORS.get(handler.getClass());
    if (ctor == null && (handler.getClass().isAnonymousClass() || handler.getClass().isLocalClass())) {
      throw new IllegalArgumentException(handler.getClass().getName() + " is " + (handler.getClass().isAnonymousClass()
          ? "an anonymous" : "a local") + " class, which can have no generated adapter. Move its annotated methods"
          + " to a static nested or top-level class (javac reports this at compile time; Eclipse's compiler cannot"
          + " see such classes before it has run the annotation processors).");
    }
    if (ctor == null) {
      throw new IllegalArgumentException(handler.getClass().getName() + " is neither a ConnectionHandler nor a class"
          + " with a generated adapter (" + adapterName(handler.getClass()) + " was not found). Annotate its methods"
          + " with @OnConnect, @OnFrame, ... and put wsnova-processor on the annotation processor path.");
    }
    try {
      return (ConnectionHandler) ctor.invokeExact(handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * The processor's name for the adapter: the simple names from the top-level class down, joined by
   * {@code _}. Built from the nesting, not from the binary name, whose {@code $} may be part of a name.
   */
  static String adapterName(Class<?> type) {
    StringBuilder nested = new StringBuilder(type.getSimpleName());
    for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
      nested.insert(0, outer.getSimpleName() + "_");
    }
    String pkg = type.getPackageName();
    return (pkg.isEmpty() ? "" : pkg + ".") + nested + "ConnectionHandler";
  }
}
