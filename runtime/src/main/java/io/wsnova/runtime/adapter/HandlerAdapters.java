package io.wsnova.runtime.adapter;

import io.wsnova.runtime.ConnectionHandler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the generated adapter of an annotated object: {@code pkg.Outer_InnerConnectionHandler} for
 * {@code pkg.Outer.Inner}. Looked up once per class (at connect time, never per frame) and cached.
 *
 * <p>First through {@link ServiceLoader}: the processor registers every adapter's {@code Provider}, in
 * {@code META-INF/services} or, in a named module, through the module's {@code provides}. That needs no
 * reflection (and suits native images). A class compiled by an IDE that rewrote the services file with
 * only the classes it recompiled is not listed, so the adapter is then looked up by name, which needs the
 * adapter to be public in a package exported to this module.
 */
public final class HandlerAdapters {
  /** How to adapt instances of a class, or why they cannot be. */
  private record Lookup(Function<Object, ConnectionHandler> adapter, String problem) {}

  private static final ClassValue<Lookup> ADAPTERS = new ClassValue<>() {
    /** The adapter of the class, or of the nearest superclass that has one (for anonymous subclasses). */
    @Override
    protected Lookup computeValue(Class<?> type) {
      AdapterProvider registered = registered(type);
      if (registered != null) {
        return new Lookup(registered::adapt, null);
      }
      return byName(type);
    }
  };

  private HandlerAdapters() {}

  /**
   * The handler itself if it is a {@link ConnectionHandler}, else a new instance of its generated adapter
   * around it: what {@code NovaClient.connect} runs. For the test kit and the engine.
   *
   * @throws IllegalArgumentException saying why there is no adapter to use, and what to do
   */
  public static ConnectionHandler adapt(Object handler) {
    if (handler instanceof ConnectionHandler h) {
      return h;
    }
    Class<?> type = handler.getClass();
    Lookup lookup = ADAPTERS.get(type);
    if (lookup.adapter() != null) {
      return lookup.adapter().apply(handler);
    }
    if (lookup.problem() != null) {
      throw new IllegalArgumentException(lookup.problem());
    }
    if (type.isAnonymousClass() || type.isLocalClass()) {
      throw new IllegalArgumentException(type.getName() + " is " + (type.isAnonymousClass()
          ? "an anonymous" : "a local") + " class, which can have no generated adapter. Move its annotated methods"
          + " to a static nested or top-level class (javac reports this at compile time; Eclipse's compiler cannot"
          + " see such classes before it has run the annotation processors).");
    }
    throw new IllegalArgumentException(type.getName() + " is neither a ConnectionHandler nor a class"
        + " with a generated adapter (" + adapterName(type) + " was not found). Annotate its methods"
        + " with @OnConnect, @OnFrame, ... and put wsnova-processor on the annotation processor path.");
  }

  /** The registered provider for the class or its nearest superclass that has one; null if none is. */
  private static AdapterProvider registered(Class<?> type) {
    Map<Class<?>, AdapterProvider> byHandler = new HashMap<>();
    Iterator<AdapterProvider> providers = ServiceLoader.load(AdapterProvider.class, type.getClassLoader()).iterator();
    int stale = 0;
    while (stale < 1_000) { // an iterator that fails on every line cannot hold the connect forever
      try {
        if (!providers.hasNext()) {
          break;
        }
        AdapterProvider provider = providers.next();
        byHandler.putIfAbsent(provider.handlerType(), provider);
      } catch (ServiceConfigurationError e) {
        stale++; // a stale line (a handler deleted since): the others still count
      }
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      AdapterProvider provider = byHandler.get(c);
      if (provider != null) {
        return provider;
      }
    }
    return null;
  }

  /** The adapter found by its name, or the real reason it cannot be used. */
  private static Lookup byName(Class<?> type) {
    String problem = null;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Class<?> adapter;
      try {
        adapter = Class.forName(adapterName(c), true, c.getClassLoader());
      } catch (ClassNotFoundException e) {
        continue; // not this class: try its superclass
      }
      try {
        // Our own lookup, not publicLookup: a module may export the adapter's package to io.wsnova.runtime
        // only. A lookup also needs to read the adapter's module (core reflection would assume it).
        HandlerAdapters.class.getModule().addReads(adapter.getModule());
        MethodHandle ctor = MethodHandles.lookup()
            .findConstructor(adapter, MethodType.methodType(void.class, c))
            .asType(MethodType.methodType(ConnectionHandler.class, Object.class));
        return new Lookup(handler -> construct(ctor, handler), null);
      } catch (IllegalAccessException e) {
        if (problem == null) {
          problem = inaccessible(adapter, c, e);
        }
      } catch (NoSuchMethodException e) {
        if (problem == null) {
          problem = adapter.getName() + " exists but has no constructor taking " + c.getName()
              + ": it is not a wsnova adapter, or it is out of date (rebuild)";
        }
      }
    }
    return new Lookup(null, problem);
  }

  private static String inaccessible(Class<?> adapter, Class<?> handler, IllegalAccessException e) {
    Module module = adapter.getModule();
    if (module.isNamed()) {
      return adapter.getName() + " exists, but module " + module.getName() + " neither registers it nor exports "
          + adapter.getPackageName() + ", so wsnova cannot reach it. Add to " + module.getName()
          + "'s module-info.java: provides " + AdapterProvider.class.getName() + " with "
          + adapter.getCanonicalName() + ".Provider; (or exports " + adapter.getPackageName() + " to "
          + HandlerAdapters.class.getModule().getName() + ";)";
    }
    return adapter.getName() + " exists but wsnova may not call its constructor (" + e.getMessage()
        + "). Make sure the adapter and " + handler.getName() + " are public, or rebuild so that the processor"
        + " registers the adapter in META-INF/services";
  }

  private static ConnectionHandler construct(MethodHandle ctor, Object handler) {
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
