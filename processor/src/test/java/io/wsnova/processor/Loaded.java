package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.ConnectionHandler;
import java.util.List;

/**
 * A handler compiled by a test and its generated adapter, loaded: test handlers record what happened in
 * a public {@code List<String> calls} field.
 */
record Loaded(Object handler, ConnectionHandler adapter) {

  /** Loads {@code handlerClass} (a binary name) and its adapter from a compilation that had no errors. */
  static Loaded from(DiskCompilation c, String handlerClass, String adapterClass) throws Exception {
    assertThat(c.errors()).as("errors").isEmpty();
    ClassLoader loader = c.classLoader();
    Class<?> user = loader.loadClass(handlerClass);
    var constructor = user.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object instance = constructor.newInstance();
    Class<?> adapter = loader.loadClass(adapterClass);
    return new Loaded(instance, (ConnectionHandler) adapter.getConstructor(user).newInstance(instance));
  }

  @SuppressWarnings("unchecked")
  List<String> calls() throws Exception {
    return (List<String>) handler.getClass().getField("calls").get(handler);
  }
}
