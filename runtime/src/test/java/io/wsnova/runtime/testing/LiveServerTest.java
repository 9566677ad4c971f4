package io.wsnova.runtime.testing;

import io.wsnova.runtime.NovaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class against one in-process {@link TestServer} and one {@link NovaClient} with a single event
 * loop (so that its connections share a thread, as they would under load). Afterwards it fails on any
 * buffer leak Netty's detector reported.
 */
public abstract class LiveServerTest {
  protected static TestServer server;
  protected static NovaClient client;

  @BeforeAll
  static void startServerAndClient() {
    server = TestServer.start();
    client = NovaClient.builder().threads(1).build();
  }

  @AfterAll
  static void stopAndCheckForLeaks() {
    client.close();
    server.close();
    LeakRecorder.assertNoLeaks();
  }
}
