package io.wsnova.runtime.internal;

import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.NovaClientFactory;

/** Registers the Netty engine for {@link java.util.ServiceLoader}; the engine itself stays package-private. */
public final class NettyClientFactory implements NovaClientFactory {
  @Override
  public NovaClient create(NovaClient.Settings settings) {
    return new NettyNovaClient(settings);
  }
}
