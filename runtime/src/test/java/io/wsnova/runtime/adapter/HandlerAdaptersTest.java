package io.wsnova.runtime.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.ConnectionHandler;
import org.junit.jupiter.api.Test;

/**
 * Adapters registered for {@code ServiceLoader} are found without their name: {@code Registered} has no
 * {@code RegisteredConnectionHandler}, only a provider listed in this module's test
 * {@code META-INF/services} file, after a line whose class no longer exists.
 */
class HandlerAdaptersTest {
  /** Stands for a user's handler; its "adapter" records the handler it wraps. */
  static final class Registered {
    /** What the processor generates, hand-written here. */
    public static final class Provider implements AdapterProvider {
      @Override
      public Class<?> handlerType() {
        return Registered.class;
      }

      @Override
      public ConnectionHandler adapt(Object handler) {
        return new Adapted((Registered) handler);
      }
    }
  }

  record Adapted(Registered handler) implements ConnectionHandler {}

  /** Neither registered nor with an adapter by name. */
  static final class Unregistered {}

  @Test
  void aRegisteredProviderIsFoundPastAStaleLine() {
    Registered handler = new Registered();
    assertThat(HandlerAdapters.adapt(handler)).isEqualTo(new Adapted(handler));
  }

  @Test
  void aClassNeitherRegisteredNorNamedLikeAnAdapterIsExplained() {
    assertThatThrownBy(() -> HandlerAdapters.adapt(new Unregistered()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HandlerAdaptersTest_UnregisteredConnectionHandler was not found")
        .hasMessageContaining("put wsnova-processor on the annotation processor path");
  }
}
