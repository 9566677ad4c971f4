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
  /** An adapter's constructor, or why there is none to use. */
  private record Lookup(MethodHandle constructor, String problem) {}

  private static final ClassValue<Lookup> CONSTRUCTORS = new ClassValue<>() {
    /** The adapter of the class, or of the nearest superclass that has one (for anonymous subclasses). */
    @Override
    protected Lookup computeValue(Class<?> type) {
      String inaccessible = null;
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        Class<?> adapter;
        try {
          adapter = Class.forName(adapterName(c), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
          continue; // not this class: try its superclass
        }
        try {
          MethodHandle ctor = MethodHandles.publicLookup()
              .findConstructor(adapter, MethodType.methodType(void.class, c));
          return new Lookup(ctor.asType(MethodType.methodType(ConnectionHandler.class, Object.class)), null);
        } catch (IllegalAccessException e) {
          if (inaccessible == null) {
            inaccessible = adapter.getName() + " exists but wsnova may not call its constructor (" + e.getMessage()
                + "). In a named module, export or open " + adapter.getPackageName() + " to io.wsnova.runtime;"
                + " otherwise make sure the adapter and " + c.getName() + " are public";
          }
        } catch (NoSuchMethodException e) {
          if (inaccessible == null) {
            inaccessible = adapter.getName() + " exists but has no constructor taking " + c.getName()
                + ": it is not a wsnova adapter, or it is out of date (rebuild)";
          }
        }
      }
      return new Lookup(null, inaccessible);
    }
  };

  private HandlerAdapters() {}

  static ConnectionHandler adapt(Object handler) {
    if (handler instanceof ConnectionHandler h) {
      return h;
    }
    Class<?> type = handler.getClass();
    Lookup lookup = CONSTRUCTORS.get(type);
    MethodHandle ctor = lookup.constructor();
    if (ctor == null && lookup.problem() != null) {
      throw new IllegalArgumentException(lookup.problem());
    }
    if (ctor == null && (type.isAnonymousClass() || type.isLocalClass())) {
      throw new IllegalArgumentException(type.getName() + " is " + (type.isAnonymousClass()
          ? "an anonymous" : "a local") + " class, which can have no generated adapter. Move its annotated methods"
          + " to a static nested or top-level class (javac reports this at compile time; Eclipse's compiler cannot"
          + " see such classes before it has run the annotation processors).");
    }
    if (ctor == null) {
      throw new IllegalArgumentException(type.getName() + " is neither a ConnectionHandler nor a class"
          + " with a generated adapter (" + adapterName(type) + " was not found). Annotate its methods"
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
