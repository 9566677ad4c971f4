/**
 * wsnova's public API ({@code io.wsnova.runtime}), the helpers generated adapters call
 * ({@code io.wsnova.runtime.adapter}), and the Netty engine, which no other module may see.
 *
 * <p>Adapters are found with {@link java.util.ServiceLoader}: a module of handlers declares
 * {@code provides io.wsnova.runtime.adapter.AdapterProvider with ...ConnectionHandler.Provider;} for each
 * (the processor says which). JSON types the adapters decode must be open to {@code tools.jackson.databind}.
 */
@SuppressWarnings("module") // the test kit, io.wsnova.test, is built after this module
module io.wsnova.runtime {
  requires transitive io.wsnova.annotations;
  // NovaClient.builder().jsonMapper(...) and JSON parameters expose Jackson's types.
  requires transitive tools.jackson.databind;
  requires org.slf4j;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.compression;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.handler.proxy;
  requires io.netty.resolver;
  requires io.netty.transport;
  requires io.netty.transport.classes.epoll;

  exports io.wsnova.runtime;
  exports io.wsnova.runtime.adapter;
  // The session layers know no Netty; the test kit's harness runs them on its virtual clock.
  exports io.wsnova.runtime.internal.session to io.wsnova.test;

  uses io.wsnova.runtime.NovaClientFactory;
  uses io.wsnova.runtime.adapter.AdapterProvider;

  provides io.wsnova.runtime.NovaClientFactory with io.wsnova.runtime.internal.NettyClientFactory;
}
