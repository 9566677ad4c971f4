package io.wsnova.runtime.internal;

import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection asks its handler once, when it is made: its default name, request options and
 * permessage-deflate offer. A handler that fails to answer gets the options' own, and the failure is logged.
 */
final class HandlerSettings {
  // The connection's logger: these lines belong to making a connection, and keep its logging configuration.
  private static final Logger LOG = LoggerFactory.getLogger(ManagedConnection.class);

  /** Made once per handler class, not once per connection: a fleet of one handler shares one string. */
  private static final ClassValue<String> DEFAULT_NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      String simple = type.getSimpleName();
      if (simple.endsWith("ConnectionHandler") && simple.length() > "ConnectionHandler".length()) {
        simple = simple.substring(0, simple.length() - "ConnectionHandler".length());
      }
      return simple.isEmpty() ? "handler" : simple;
    }
  };

  private HandlerSettings() {}

  /** The handler class's simple name ({@code Ticker} for {@code TickerConnectionHandler}), or "handler". */
  static String defaultName(ConnectionHandler handler) {
    return DEFAULT_NAMES.get(handler.getClass());
  }

  static RequestOptions requestOptions(ConnectionHandler handler, Options options) {
    try {
      RequestOptions r = handler.requestOptions(options);
      return r != null ? r : options.requests();
    } catch (RuntimeException e) {
      LOG.warn("the handler's request options failed; using the options' own", e);
      return options.requests();
    }
  }

  /** The handler's offer, or {@code null} for none. */
  static DeflateOptions permessageDeflate(ConnectionHandler handler, Options options) {
    try {
      return handler.permessageDeflate(options);
    } catch (RuntimeException e) {
      LOG.warn("the handler's permessage-deflate offer failed; using the options' own", e);
      return options.permessageDeflate().orElse(null);
    }
  }
}
