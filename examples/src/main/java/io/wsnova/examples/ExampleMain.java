package io.wsnova.examples;

import io.wsnova.examples.server.DemoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one example client: {@code echo}, {@code market-data}, {@code resilient} or {@code exchange},
 * against the embedded server, or against a real one with {@code --url ws://...} / {@code --url wss://...}.
 * The market-data and resilient clients run for {@code --seconds N} (default 10), printing their status
 * every second. The exchange client ({@code --client-id ID --client-secret S}) runs for {@code --seconds N}
 * and exits 0 if everything held, 1 if not, 2 if it could not run; against the embedded server, which
 * drops every connection at half-time.
 */
public final class ExampleMain {
  private ExampleMain() {}

  /** Runs the example; a failure is one line with its reason and exit status 2, as the demo's. */
  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("example failed: " + cause);
      System.exit(2);
    }
  }

  private static void run(String[] args) throws Exception {
    String example = args.length > 0 && !args[0].startsWith("--") ? args[0] : "echo";
    String url = Args.url(args);
    long seconds = Args.seconds(args, 10);
    try (DemoServer server = url == null ? DemoServer.start() : null;
        NovaClient client = NovaClient.create()) {
      String path = example.equals("echo") ? "/echo" : example.equals("exchange") ? "/ws/api/v2" : "/ticker";
      Options.Builder options = Options.builder().uri(url != null ? url : server.uri(path).toString());
      switch (example) {
        case "echo" -> {
          Echo echo = new Echo();
          Connection c = client.connect(echo, options.build()).get(15, TimeUnit.SECONDS);
          echo.reply.get(15, TimeUnit.SECONDS);
          c.close().get(15, TimeUnit.SECONDS);
        }
        case "market-data" ->
          watch(client.connect(new MarketData(), options.build()).get(15, TimeUnit.SECONDS), seconds);
        case "resilient" ->
          watch(client.connect(new Resilient(), options.errorHandler(new PatientRetry(5)).build())
              .get(15, TimeUnit.SECONDS), seconds);
        case "exchange" -> {
          ExchangeRun.Report report;
          try {
            report = ExchangeRun.run(url != null ? url : server.uri(path).toString(),
                Args.value(args, "client-id", DemoServer.EXCHANGE_CLIENT_ID),
                Args.value(args, "client-secret", DemoServer.EXCHANGE_CLIENT_SECRET), Duration.ofSeconds(seconds),
                System.out, () -> {
                  if (server != null) {
                    System.out.printf("%n!! the server drops every connection (%d cut)%n%n", server.dropConnections());
                  }
                });
          } catch (Exception e) {
            System.err.println("exchange: could not run: " + e);
            System.exit(2);
            return;
          }
          System.exit(report.problems().isEmpty() ? 0 : 1);
        }
        default -> {
          System.err.println("usage: ExampleMain [echo|market-data|resilient|exchange] [--url ws://...] [--seconds N]"
              + " [--client-id ID --client-secret S]");
          System.exit(2);
        }
      }
    }
  }

  private static void watch(Connection c, long seconds) throws Exception {
    for (long i = 0; i < seconds && !c.closeFuture().isDone(); i++) {
      Thread.sleep(Duration.ofSeconds(1).toMillis());
      System.out.println(c.status().get(5, TimeUnit.SECONDS));
    }
    DisconnectReason reason = c.close().get(15, TimeUnit.SECONDS);
    System.out.println("closed: " + reason);
  }
}
