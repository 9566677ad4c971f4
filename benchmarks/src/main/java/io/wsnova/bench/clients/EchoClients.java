package io.wsnova.bench.clients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every client the echo benchmark compares, by the name its tables give it, in the tables' order. */
public final class EchoClients {
  private EchoClients() {}

  public static Map<String, Supplier<EchoClient>> all() {
    List<Supplier<EchoClient>> clients = List.of(WsnovaEcho::new, WsnovaEcho::sending, WsnovaEcho::withMetrics,
        RawNettyEcho::new, RawNettyEcho::oneReadPerWakeup, RawNettyEcho::overIoUring, VertxEcho::new, JdkEcho::new,
        JavaWebSocketEcho::new, OkHttpEcho::new, JettyEcho::new, TyrusEcho::new, BlockingSocketEcho::new);
    Map<String, Supplier<EchoClient>> byName = new LinkedHashMap<>();
    for (Supplier<EchoClient> c : clients) {
      byName.put(c.get().name(), c);
    }
    return byName;
  }

  /** The client called {@code name}. */
  public static EchoClient named(String name) {
    Supplier<EchoClient> c = all().get(name);
    if (c == null) {
      throw new IllegalArgumentException("no echo client is called " + name + "; there are " + all().keySet());
    }
    return c.get();
  }
}
