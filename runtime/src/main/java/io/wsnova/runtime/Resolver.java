package io.wsnova.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses to try, in order. Called off the event loop, on a small bounded
 * pool of the client's, since lookups block; each attempt tries the addresses in turn (IPv6 and IPv4
 * alike) within its timeout. The default asks the JDK ({@link InetAddress#getAllByName}), which honours
 * the hosts file, the system resolver and its cache.
 */
@FunctionalInterface
public interface Resolver {

  /** The addresses of {@code host}, the preferred first; never empty. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JDK's resolver. */
  static Resolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
