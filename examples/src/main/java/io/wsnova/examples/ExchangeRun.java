package io.wsnova.examples;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.DisconnectedException;
import io.wsnova.runtime.ErrorEvent;
import io.wsnova.runtime.ErrorHandler;
import io.wsnova.runtime.ExponentialBackoff;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.RateLimits;
import io.wsnova.runtime.RequestException;
import io.wsnova.runtime.SendException;
import io.wsnova.runtime.TimerScope;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the {@link Exchange} client for a while, with a steady load of requests whose answers are checked,
 * and judges the run: every answer matched, the rate limit never tripped, no heartbeat missed, and after
 * every reconnect authenticated and subscribed again.
 */
public final class ExchangeRun {
  private static final List<String> INSTRUMENTS = List.of("BTC-PERPETUAL", "ETH-PERPETUAL", "SOL-PERPETUAL");

  /** What the run saw, and what did not hold ({@link #problems()} empty means it all held). */
  public record Report(Exchange.Stats stats, long requests, long answered, long mismatched, long refused,
      long rateLimited, long unauthorized, long lostToDrops, long reconnects, long heartbeatCloses,
      List<String> problems) {}

  private ExchangeRun() {}

  /** Connects to {@code url}, runs for {@code length}, calling {@code duringRun} at half-time (e.g. a drop). */
  public static Report run(String url, String clientId, String clientSecret, Duration length, PrintStream out,
      Runnable atHalfTime) throws Exception {
    AtomicLong heartbeatCloses = new AtomicLong();
    ErrorHandler backoff = ExponentialBackoff.builder().base(Duration.ofMillis(200)).cap(Duration.ofSeconds(5))
        .maxAttempts(Integer.MAX_VALUE).build();
    ErrorHandler errorHandler = event -> {
      if (event.reason() instanceof DisconnectReason.Closed closed && closed.code() == 4000) {
        heartbeatCloses.incrementAndGet(); // the server closes with 4000 when a heartbeat goes unanswered
      }
      if (event.kind() == ErrorEvent.Kind.CALLBACK_FAILED) {
        out.println("[exchange] " + event.cause());
      }
      return backoff.onError(event);
    };
    Options options = Options.builder().uri(url).name("exchange").errorHandler(errorHandler)
        // The server refuses more than 20 requests a second: stay well below, whatever the load.
        .rateLimits(RateLimits.builder().perDefault(8, Duration.ofSeconds(1)).build())
        .build();
    AtomicLong requests = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    AtomicLong mismatched = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong rateLimited = new AtomicLong();
    AtomicLong unauthorized = new AtomicLong();
    AtomicLong lostToDrops = new AtomicLong();
    try (NovaClient client = NovaClient.builder().threads(1).build()) {
      Exchange exchange = new Exchange(clientId, clientSecret);
      Connection c = client.connect(exchange, options).get(15, TimeUnit.SECONDS);
      c.ready().get(15, TimeUnit.SECONDS);
      // Two requests every half second while ready: the server answers them out of order.
      c.scheduleAtFixedRate(() -> {
        if (!c.ready().isDone() || c.ready().isCompletedExceptionally()) {
          return; // between connections: the next tick asks again
        }
        String instrument = INSTRUMENTS.get((int) (requests.get() % INSTRUMENTS.size()));
        requests.addAndGet(2);
        c.request(Exchange.Rpc.of("private/get_position", Map.of("instrument", instrument)), Map.class)
            .whenComplete((position, e) -> count(e, position != null && instrument.equals(position.get("instrument_name")),
                answered, mismatched, refused, rateLimited, unauthorized, lostToDrops));
        c.request(Exchange.Rpc.of("public/get_time", Map.of()), Long.class)
            .whenComplete((time, e) -> count(e, time != null && time > 0, answered, mismatched, refused, rateLimited,
                unauthorized, lostToDrops));
      }, Duration.ofMillis(500), Duration.ofMillis(500), TimerScope.SESSION);

      long start = System.nanoTime();
      boolean halfDone = false;
      while (System.nanoTime() - start < length.toNanos()) {
        Thread.sleep(250);
        if (!halfDone && System.nanoTime() - start >= length.toNanos() / 2) {
          halfDone = true;
          atHalfTime.run();
        }
      }
      // Let the last answers and the resubscription of a late reconnect come in.
      c.ready().get(15, TimeUnit.SECONDS);
      long before = ((Exchange.Stats) c.status().get(5, TimeUnit.SECONDS).handlerStatus()).tickers();
      Thread.sleep(400);
      ConnectionStatus status = c.status().get(5, TimeUnit.SECONDS);
      Exchange.Stats stats = (Exchange.Stats) status.handlerStatus();
      c.close().get(15, TimeUnit.SECONDS);

      List<String> problems = new ArrayList<>();
      if (stats.tickers() <= before || stats.trades() == 0) {
        problems.add("no notifications at the end: the subscription was not restored");
      }
      if (stats.tokens() < stats.connects()) {
        problems.add("a connection was not authenticated (" + stats.tokens() + " tokens for " + stats.connects()
            + " connections)");
      }
      if (mismatched.get() > 0) {
        problems.add(mismatched.get() + " answers did not match their requests");
      }
      if (rateLimited.get() > 0) {
        problems.add(rateLimited.get() + " requests tripped the server's rate limit (10028)");
      }
      if (unauthorized.get() > 0) {
        problems.add(unauthorized.get() + " private requests found the token expired (13009)");
      }
      if (refused.get() > 0) {
        problems.add(refused.get() + " requests were refused otherwise");
      }
      if (heartbeatCloses.get() > 0) {
        problems.add("the server closed " + heartbeatCloses.get() + " connections for a missed heartbeat");
      }
      if (stats.unexpected() > 0) {
        problems.add(stats.unexpected() + " messages matched no route");
      }
      if (answered.get() == 0) {
        problems.add("no request was answered");
      }
      Report report = new Report(stats, requests.get(), answered.get(), mismatched.get(), refused.get(),
          rateLimited.get(), unauthorized.get(), lostToDrops.get(), status.connectCount() - 1L, heartbeatCloses.get(),
          problems);
      print(out, report);
      return report;
    }
  }

  private static void count(Throwable e, boolean matches, AtomicLong answered, AtomicLong mismatched,
      AtomicLong refused, AtomicLong rateLimited, AtomicLong unauthorized, AtomicLong lostToDrops) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause == null) {
      (matches ? answered : mismatched).incrementAndGet();
    } else if (cause instanceof RequestException r && r.code() == 10028) {
      rateLimited.incrementAndGet();
    } else if (cause instanceof RequestException r && r.code() == 13009) {
      unauthorized.incrementAndGet();
    } else if (cause instanceof DisconnectedException || cause instanceof SendException) {
      lostToDrops.incrementAndGet(); // in flight when the server dropped the connection: said, not lost
    } else {
      refused.incrementAndGet();
    }
  }

  private static void print(PrintStream out, Report r) {
    out.printf(Locale.ROOT, "%n[exchange] connections %d (reconnects %d), tokens %d, tickers %d, trades %d, heartbeats"
            + " answered %d, unexpected messages %d%n", r.stats().connects(), r.reconnects(), r.stats().tokens(), r.stats().tickers(),
        r.stats().trades(), r.stats().heartbeatsAnswered(), r.stats().unexpected());
    out.printf(Locale.ROOT, "[exchange] requests %d: answered and matched %d, mismatched %d, rate-limited %d,"
            + " unauthorized %d, refused %d, failed by a drop %d%n", r.requests(), r.answered(), r.mismatched(),
        r.rateLimited(), r.unauthorized(), r.refused(), r.lostToDrops());
    out.println(r.problems().isEmpty() ? "[exchange] OK: every answer matched, no rate limit tripped, no heartbeat"
        + " missed, authenticated and subscribed after every reconnect" : "[exchange] FAILED: " + String.join("; ",
        r.problems()));
  }
}
