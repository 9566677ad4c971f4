package io.wsnova.bench.fleet;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.ProvideConnectionInfo;
import io.wsnova.bench.echo.EchoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many connections whose server restarts once: how long until all are back, and how spread out the
 * reconnect attempts were (the default ErrorHandler's jitter keeps them from arriving all at once).
 */
public final class ReconnectStorm {
  /** The storm's figures; times in milliseconds after the server went down. */
  public record Result(int connections, long allBackMillis, long firstAttemptMillis, long lastAttemptMillis,
      long attemptSpreadP10ToP90Millis, int busiest10MillisBucket) {}

  /** Remembers when each attempt started (connection info is asked before every attempt). */
  public static class StormHandler {
    static final ConcurrentLinkedQueue<Long> ATTEMPTS = new ConcurrentLinkedQueue<>();
    static final AtomicInteger RECONNECTED = new AtomicInteger();
    URI uri;

    @ProvideConnectionInfo
    ConnectionInfo where(Connection connection) {
      if (connection.connectCount() > 0) {
        ATTEMPTS.add(System.nanoTime());
      }
      return ConnectionInfo.of(uri);
    }

    @OnConnect
    void connected(Connection connection) {
      if (connection.isReconnect()) {
        RECONNECTED.incrementAndGet();
      }
    }
  }

  private ReconnectStorm() {}

  public static Result run(int n) throws Exception {
    try (EchoServer server = new EchoServer(1); NovaClient client = NovaClient.builder().threads(1).build()) {
      int port = server.bind("127.0.0.1", 0);
      URI uri = URI.create("ws://127.0.0.1:" + port + "/storm");
      List<CompletableFuture<Connection>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StormHandler h = new StormHandler();
        h.uri = uri;
        all.add(client.connect(h, Options.defaults()));
        if (i % 250 == 249) {
          CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
      StormHandler.ATTEMPTS.clear();
      StormHandler.RECONNECTED.set(0);

      long down = System.nanoTime();
      server.stop();
      Thread.sleep(300); // the restart takes a moment; the first retries come after about a second
      server.bind("127.0.0.1", port);
      long deadline = down + TimeUnit.SECONDS.toNanos(60);
      while (StormHandler.RECONNECTED.get() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      long allBack = (System.nanoTime() - down) / 1_000_000;
      long[] attempts = StormHandler.ATTEMPTS.stream().mapToLong(t -> (t - down) / 1_000_000).sorted().toArray();
      int busiest = 0;
      for (int i = 0, j = 0; i < attempts.length; i++) {
        while (attempts[i] - attempts[j] >= 10) {
          j++;
        }
        busiest = Math.max(busiest, i - j + 1);
      }
      for (CompletableFuture<Connection> c : all) {
        c.join().close();
      }
      return new Result(StormHandler.RECONNECTED.get(), allBack, attempts[0], attempts[attempts.length - 1],
          attempts[attempts.length * 9 / 10] - attempts[attempts.length / 10], busiest);
    }
  }

}
