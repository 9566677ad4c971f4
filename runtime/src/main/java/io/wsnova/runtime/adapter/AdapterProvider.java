package io.wsnova.runtime.adapter;

import io.wsnova.runtime.ConnectionHandler;

/**
 * How the runtime finds a generated adapter without reflection. Every adapter has a nested {@code Provider}
 * implementing this interface, and the processor registers it for {@link java.util.ServiceLoader} in
 * {@code META-INF/services}. A handler in a named module registers it in its {@code module-info.java}
 * instead, which the processor asks for:
 *
 * <pre>{@code
 * provides io.wsnova.runtime.adapter.AdapterProvider with com.example.FeedConnectionHandler.Provider;
 * }</pre>
 *
 * <p>Implemented by generated code only.
 */
public interface AdapterProvider {
  /** The annotated class this provider adapts (exactly that class; subclasses have their own). */
  Class<?> handlerType();

  /** A new adapter around {@code handler}, an instance of {@link #handlerType()}. */
  ConnectionHandler adapt(Object handler);
}
