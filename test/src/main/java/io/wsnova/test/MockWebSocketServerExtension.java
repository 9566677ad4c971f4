package io.wsnova.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: a fresh {@link MockWebSocketServer} for each test method that takes one as a parameter, closed
 * after the test.
 *
 * <pre>{@code
 * @ExtendWith(MockWebSocketServerExtension.class)
 * class FeedTest {
 *   @Test
 *   void subscribesOnConnect(MockWebSocketServer server) { ... }
 * }
 * }</pre>
 */
public final class MockWebSocketServerExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MockWebSocketServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MockWebSocketServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> MockWebSocketServer.start(),
        MockWebSocketServer.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    MockWebSocketServer server = context.getStore(NAMESPACE).remove("server", MockWebSocketServer.class);
    if (server != null) {
      server.close();
    }
  }
}
