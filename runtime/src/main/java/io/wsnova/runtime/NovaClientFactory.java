package io.wsnova.runtime;

import java.util.ServiceLoader;

/**
 * The engine behind {@link NovaClient}, found with {@link ServiceLoader}, so that the API depends on no
 * implementation class: wsnova's runtime registers its Netty engine. Not for users; for a test double or
 * another engine.
 */
public interface NovaClientFactory {

  /** A client built from {@code settings}. */
  NovaClient create(NovaClient.Settings settings);

  /** The engine on the class path or module path; fails with what to add when there is none. */
  static NovaClientFactory load() {
    return ServiceLoader.load(NovaClientFactory.class, NovaClientFactory.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no wsnova engine found: wsnova-runtime's"
            + " META-INF/services/io.wsnova.runtime.NovaClientFactory is missing from the class path (a shaded jar"
            + " that drops service files?)"));
  }
}
