package io.wsnova.examples;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsnova.micrometer.WsnovaMetrics;
import io.wsnova.examples.server.DemoServer;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The demo: starts the embedded server, connects the market-data and resilient clients, shows live
 * progress, cuts every connection once half-way to show recovery through the ErrorHandlers, and prints a
 * summary. Exits 0 when everything it shows worked, 1 when a check failed, 2 when it could not run.
 */
public final class Demo {
  /** What the demo saw; {@link #problems()} lists what did not work. */
  public record Summary(
      MarketData.Stats market, Resilient.Stats resilient, int marketReconnects, int resilientReconnects,
      int dropsProvoked, ExchangeRun.Report exchange, List<String> problems) {}

  private Demo() {}

  /** {@code --port N} puts the embedded server on port N (default: a free one). */
  public static void main(String[] args) {
    int status;
    try {
      Summary s = run(System.out, Duration.ofSeconds(8), port(args));
      status = s.problems().isEmpty() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("demo failed: " + e);
      status = 2;
    }
    System.exit(status);
  }

  private static int port(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return 0;
  }

  /** Runs for {@code length}, printing to {@code out}; the drop comes at half-time. */
  public static Summary run(PrintStream out, Duration length) throws Exception {
    return run(out, length, 0);
  }

  /** As {@link #run(PrintStream, Duration)}, with the embedded server on {@code port} (0 for a free one). */
  public static Summary run(PrintStream out, Duration length, int port) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DemoServer server = DemoServer.start(port);
        NovaClient client = NovaClient.builder().threads(2).listener(new WsnovaMetrics(registry)).build()) {
      out.printf("wsnova demo: embedded server on %s%n", server.uri("/"));
      PatientRetry patient = new PatientRetry(5);
      Options marketOptions = Options.builder().uri(server.uri("/ticker")).build();
      Options resilientOptions = Options.builder().uri(server.uri("/ticker")).errorHandler(patient)
          .pingInterval(Duration.ofMillis(500)).build();
      // The exchange client (JSON-RPC in Deribit's dialect) runs beside them, on its own client; the drop cuts it too.
      java.util.concurrent.CompletableFuture<ExchangeRun.Report> exchange = java.util.concurrent.CompletableFuture
          .supplyAsync(() -> {
            try {
              return ExchangeRun.run(server.uri("/ws/api/v2").toString(), DemoServer.EXCHANGE_CLIENT_ID,
                  DemoServer.EXCHANGE_CLIENT_SECRET, length, out, () -> {});
            } catch (Exception e) {
              throw new java.util.concurrent.CompletionException(e);
            }
          });
      Connection market = client.connect(new MarketData(), marketOptions).get(10, TimeUnit.SECONDS);
      Connection resilient = client.connect(new Resilient(), resilientOptions).get(10, TimeUnit.SECONDS);
      out.println("connected: market-data (default ErrorHandler: backoff with jitter), resilient (PatientRetry)");

      long start = System.nanoTime();
      long dropAt = length.toNanos() / 2;
      int drops = 0;
      while (System.nanoTime() - start < length.toNanos()) {
        Thread.sleep(500);
        long elapsed = System.nanoTime() - start;
        if (drops == 0 && elapsed >= dropAt) {
          drops = 1;
          out.printf("%n!! the server drops every connection (%d cut) -- watch them come back%n%n", server.dropConnections());
        }
        out.println(progress(elapsed, market.status().get(5, TimeUnit.SECONDS), resilient.status().get(5, TimeUnit.SECONDS)));
      }

      ConnectionStatus m = market.status().get(5, TimeUnit.SECONDS);
      ConnectionStatus r = resilient.status().get(5, TimeUnit.SECONDS);
      ExchangeRun.Report exchangeReport = exchange.get(length.toSeconds() + 30, TimeUnit.SECONDS);
      Summary summary = summarize(m, r, drops, exchangeReport);
      market.close().get(10, TimeUnit.SECONDS);
      resilient.close().get(10, TimeUnit.SECONDS);
      print(out, summary, patient);
      printMetrics(out, registry);
      return summary;
    }
  }

  private static String progress(long elapsedNanos, ConnectionStatus m, ConnectionStatus r) {
    MarketData.Stats ms = (MarketData.Stats) m.handlerStatus();
    Resilient.Stats rs = (Resilient.Stats) r.handlerStatus();
    return String.format(Locale.ROOT, "t=%4.1fs  market-data %-20s %5d ticks, latency %s, reconnects %d  |  resilient %-20s"
            + " %5d ticks (seq %d), reconnects %d",
        elapsedNanos / 1e9, m.state(), ms.ticks(), millis(ms.latency()), m.connectCount() - 1,
        r.state(), rs.received(), rs.lastSeq(), r.connectCount() - 1);
  }

  private static Summary summarize(ConnectionStatus m, ConnectionStatus r, int drops, ExchangeRun.Report exchange) {
    MarketData.Stats ms = (MarketData.Stats) m.handlerStatus();
    Resilient.Stats rs = (Resilient.Stats) r.handlerStatus();
    List<String> problems = new ArrayList<>();
    if (ms.ticks() == 0 || rs.received() == 0) {
      problems.add("a client received no ticks");
    }
    if (ms.latency() == null) {
      problems.add("no pong answered a ping: no latency measured");
    }
    if (m.connectCount() - 1 != drops || r.connectCount() - 1 != drops) {
      problems.add("expected exactly " + drops + " reconnect(s) per client, saw " + (m.connectCount() - 1) + " and "
          + (r.connectCount() - 1));
    }
    if (m.state() != ConnectionStatus.State.OPEN || r.state() != ConnectionStatus.State.OPEN) {
      problems.add("a client is not connected at the end");
    }
    exchange.problems().forEach(p -> problems.add("exchange: " + p));
    if (exchange.reconnects() != drops) {
      problems.add("exchange: expected " + drops + " reconnect(s), saw " + exchange.reconnects());
    }
    return new Summary(ms, rs, m.connectCount() - 1, r.connectCount() - 1, drops, exchange, problems);
  }

  private static void print(PrintStream out, Summary s, PatientRetry patient) {
    out.println();
    out.println("Summary");
    out.printf("  market-data  ticks %d, pongs %d, last latency %s, reconnects %d, last disconnect: %s%n",
        s.market().ticks(), s.market().pongs(), millis(s.market().latency()), s.marketReconnects(),
        s.market().lastDisconnect());
    out.printf("  resilient    ticks %d (%d replayed after the reconnect), reconnects %d (ordered by"
            + " PatientRetry: %d)%n",
        s.resilient().received(), s.resilient().replayed(), s.resilientReconnects(), patient.reconnects.get());
    out.printf("  exchange     connections %d, tokens %d, notifications %d, heartbeats answered %d, requests %d"
            + " answered and matched %d%n", s.exchange().stats().connects(), s.exchange().stats().tokens(),
        s.exchange().stats().tickers() + s.exchange().stats().trades(), s.exchange().stats().heartbeatsAnswered(),
        s.exchange().requests(), s.exchange().answered());
    out.printf("  drops provoked: %d%n", s.dropsProvoked());
    if (s.problems().isEmpty()) {
      out.println("OK: every connection recovered through its ErrorHandler");
    } else {
      out.println("FAILED: " + String.join("; ", s.problems()));
    }
  }

  /** A few of wsnova-micrometer's meters, as an operator's dashboard would show them. */
  private static void printMetrics(PrintStream out, MeterRegistry registry) {
    out.println();
    out.println("Metrics (wsnova-micrometer, SimpleMeterRegistry)");
    for (String name : List.of("MarketData", "Resilient")) {
      // Per-message counts are function counters over plain fields (cheap on the hot path), not Counters.
      double received = registry.find("wsnova.messages.received").tag("connection", name).functionCounters().stream()
          .mapToDouble(FunctionCounter::count).sum();
      double bytes = registry.find("wsnova.bytes.received").tag("connection", name).functionCounters().stream()
          .mapToDouble(FunctionCounter::count).sum();
      double connects = sum(registry, "wsnova.connection.connects", name);
      double disconnects = sum(registry, "wsnova.connection.disconnects", name);
      FunctionTimer onFrame = registry.find("wsnova.callback.duration").tag("connection", name)
          .tag("callback", "on_frame").functionTimer();
      Timer rtt = registry.find("wsnova.ping.round.trip").tag("connection", name).timer();
      out.printf(Locale.ROOT, "  %-11s messages in %.0f (%.0f bytes), connects %.0f, disconnects %.0f, on frame"
              + " %s per call, ping round trip %s%n", name, received, bytes, connects, disconnects,
          onFrame == null || onFrame.count() == 0 ? "-"
              : String.format(Locale.ROOT, "%.1f µs", onFrame.mean(TimeUnit.MICROSECONDS)),
          rtt == null || rtt.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f ms (%d pongs)", rtt.mean(TimeUnit.MILLISECONDS), rtt.count()));
    }
  }

  private static double sum(MeterRegistry registry, String meter, String connection) {
    return registry.find(meter).tag("connection", connection).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static String millis(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
  }
}
