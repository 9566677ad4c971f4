package io.wsnova.bench;

import io.wsnova.bench.clients.BlockingSocketEcho;
import io.wsnova.bench.clients.EchoClients;
import io.wsnova.bench.echo.DeflateFeed;
import io.wsnova.bench.echo.EchoRun;
import io.wsnova.bench.fleet.ReconnectStorm;
import io.wsnova.runtime.adapter.JsonCodec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one invocation, on one machine, against one server, and prints the results as
 * tables (ratios first) and writes them to {@code target/bench/results.json} and {@code .csv}.
 *
 * <p>Arguments: {@code all} (the default) or any of {@code dispatch echo fleet storm}; {@code quick}
 * shortens every run, for a smoke test of the harness.
 */
public final class BenchMain {
  private static final List<Map<String, Object>> ROWS = new ArrayList<>();
  /** One line per target of the benchmark issue: what it asks, what was measured, whether it is met. */
  private static final List<String[]> TARGETS = new ArrayList<>();
  private static boolean quick;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // exec:exec passes -Dbench.args="echo quick" as one argument.
    List<String> parts = new ArrayList<>(List.of(String.join(" ", args).trim().split("\\s+")));
    parts.remove("");
    quick = parts.remove("quick");
    if (parts.isEmpty() || parts.contains("all")) {
      parts = List.of("dispatch", "echo", "fleet", "storm", "deflate");
    }
    System.out.printf("wsnova benchmarks, %s, %s %s, %d cores%n%n", LocalDate.now(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    for (String part : parts) {
      switch (part) {
        case "dispatch":
          dispatch();
          break;
        case "echo":
          echo();
          break;
        case "fleet":
          fleet();
          break;
        case "storm":
          storm();
          break;
        case "deflate":
          deflate();
          break;
        default:
          throw new IllegalArgumentException("unknown part " + part + "; use all, dispatch, echo, fleet, storm, deflate, quick");
      }
    }
    printTargets();
    write();
    System.exit(0);
  }

  // ------------------------------------------------------------------ dispatch (JMH)

  private static void dispatch() throws Exception {
    OptionsBuilder o = new OptionsBuilder();
    o.include("io.wsnova.bench.dispatch.DispatchBenchmark").forks(1)
        .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(1))
        .addProfiler("gc").jvmArgs("-Xmx1g");
    Map<String, double[]> byName = new LinkedHashMap<>();
    for (RunResult r : new Runner(o.build()).run()) {
      String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      double bytes = r.getSecondaryResults().entrySet().stream()
          .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
          .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
      byName.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), bytes});
    }
    System.out.println("\n### Dispatch: one inbound text frame to a user method (JMH, ns/op, lower is better)\n");
    System.out.println("| frame | variant | ns/op | ± | vs hand-written | bytes/op |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (String kind : List.of("text", "json")) {
      double base = byName.get(kind + "HandWritten")[0];
      for (String variant : List.of("Generated", "HandWritten", "Reflection", "MethodHandle")) {
        double[] v = byName.get(kind + variant);
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2fx | %.0f |%n", kind, variant, v[0], v[1],
            v[0] / base, v[2]);
        row("dispatch", Map.of("frame", kind, "variant", variant, "nsPerOp", v[0], "error", v[1],
            "ratioToHandWritten", v[0] / base, "bytesPerOp", v[2]));
      }
      double[] gen = byName.get(kind + "Generated");
      double[] hand = byName.get(kind + "HandWritten");
      // Within 5 %, or within the measurement's own error, counts as within noise.
      boolean close = gen[0] <= base * 1.05 || gen[0] - gen[1] <= hand[0] + hand[1];
      target("generated dispatch within noise (<= 5 %) of hand-written, " + kind + " frame",
          String.format(Locale.ROOT, "%.2fx", gen[0] / base), close);
      target("no allocation beyond the hand-written path, " + kind + " frame",
          String.format(Locale.ROOT, "%.0f vs %.0f B/op", gen[2], hand[2]), gen[2] <= hand[2] + 8);
    }
  }

  // ------------------------------------------------------------------ echo throughput

  private static void echo() throws Exception {
    List<String> clients = new ArrayList<>(EchoClients.all().keySet());
    // e.g. -Dbench.only="wsnova,raw Netty": some clients only, for profiling or a focused comparison
    String only = System.getProperty("bench.only");
    if (only != null) {
      clients.retainAll(List.of(only.split(",")));
    }
    int[] sizes = System.getProperty("bench.size") != null
        ? new int[] {Integer.getInteger("bench.size")} : new int[] {64, 1024, 65536};
    // Each run starts a cold JVM on one core, which its JIT compiler shares: measured, raw Netty's client
    // needed more than 2 s to reach its speed there (1 KiB: 116k messages/s after 2 s, 160k after 8 s).
    Duration warmup = Duration.ofSeconds(quick ? 1 : Long.getLong("bench.warmup", 5));
    Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", quick ? 1 : 4));
    int rounds = Integer.getInteger("bench.rounds", quick ? 1 : 3);
    try (ChildJvm server = ChildJvm.start(ChildJvm.SERVER_CPU, "io.wsnova.bench.echo.EchoServer")) {
      URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
      System.out.printf("%nEach client's run in a JVM of its own (no client's JIT profile shapes another's); %s.%n",
          ChildJvm.pinning());
      // 64 in flight at every size (throughput), then 1 in flight at 64 B (latency-bound).
      for (int window : new int[] {64, 1}) {
        System.out.printf("%n### Echo over loopback: one connection, %d message%s in flight, text, server in its own"
            + " JVM%n", window, window == 1 ? "" : "s");
        for (int size : window == 1 ? new int[] {sizes[0]} : sizes) {
          // Rounds interleave the clients, and each client's median round is reported: this machine is noisy.
          Map<String, List<EchoRun.Result>> runs = new LinkedHashMap<>();
          for (int round = 0; round < rounds; round++) {
            // Each round starts with another client, so no client always runs first after the server idled.
            for (int i = 0; i < clients.size(); i++) {
              String client = clients.get((i + round) % clients.size());
              try {
                runs.computeIfAbsent(client, k -> new ArrayList<>())
                    .add(EchoRun.Result.parse(client, size, ChildJvm.runToCompletion(ChildJvm.CLIENT_CPU, EchoRun.RESULT,
                        EchoRun.class.getName(), client, uri.toString(), String.valueOf(size), String.valueOf(window),
                        String.valueOf(warmup.toMillis()), String.valueOf(measure.toMillis()))));
              } catch (Exception e) {
                System.out.println("  " + client + " failed: " + e);
              }
            }
          }
          List<EchoRun.Result> results = new ArrayList<>();
          runs.forEach((name, list) -> {
            list.sort(java.util.Comparator.comparingDouble(EchoRun.Result::messagesPerSecond));
            results.add(list.get(list.size() / 2));
          });
          double netty = results.stream().filter(r -> r.client().equals("raw Netty")).findFirst()
              .map(EchoRun.Result::messagesPerSecond).orElse(Double.NaN);
          double nettyCpu = results.stream().filter(r -> r.client().equals("raw Netty")).findFirst()
              .map(EchoRun.Result::cpuMicrosPerMessage).orElse(Double.NaN);
          System.out.printf("%n%d-byte messages (median of %d rounds)%n%n| client | vs raw Netty | messages/s | p50 µs |"
              + " p99 µs | client CPU µs/msg | CPU vs raw Netty | of it in the kernel | B allocated/msg |%n"
              + "|---|---:|---:|---:|---:|---:|---:|---:|---:|%n", size, rounds);
          double vertx = results.stream().filter(r -> r.client().startsWith("Vert.x")).findFirst()
              .map(EchoRun.Result::messagesPerSecond).orElse(Double.NaN);
          for (String variant : List.of("wsnova", "wsnova (send)")) {
            EchoRun.Result w = results.stream().filter(r -> r.client().equals(variant)).findFirst().orElse(null);
            if (w == null) {
              continue;
            }
            double ratio = w.messagesPerSecond() / netty;
            double wanted = window == 1 ? 1.0 : 1.10;
            target(String.format(Locale.ROOT, "%s >= %.2fx raw Netty messages/s, %d B, %d in flight", variant, wanted,
                size, window), String.format(Locale.ROOT, "%.2fx", ratio), ratio >= wanted);
            String where = size + " B, " + window + " in flight";
            target(variant + " ahead of Vert.x, " + where, String.format(Locale.ROOT, "%.2fx Vert.x",
                w.messagesPerSecond() / vertx), w.messagesPerSecond() > vertx);
            target(variant + " client CPU per message <= 0.8x raw Netty's, " + where, String.format(Locale.ROOT,
                "%.2fx", w.cpuMicrosPerMessage() / nettyCpu), w.cpuMicrosPerMessage() <= 0.8 * nettyCpu);
          }
          for (EchoRun.Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.2fx | %,.0f | %.0f | %.0f | %.2f | %.2fx | %.0f%% | %,.0f |%n",
                r.client(), r.messagesPerSecond() / netty, r.messagesPerSecond(), r.p50Micros(), r.p99Micros(),
                r.cpuMicrosPerMessage(), r.cpuMicrosPerMessage() / nettyCpu, 100 * r.kernelShare(),
                r.bytesAllocatedPerMessage());
            row("echo", Map.ofEntries(Map.entry("client", r.client()), Map.entry("size", size),
                Map.entry("messagesPerSecond", r.messagesPerSecond()),
                Map.entry("ratioToRawNetty", r.messagesPerSecond() / netty), Map.entry("p50Micros", r.p50Micros()),
                Map.entry("p99Micros", r.p99Micros()), Map.entry("cpuMicrosPerMessage", r.cpuMicrosPerMessage()),
                Map.entry("cpuRatioToRawNetty", r.cpuMicrosPerMessage() / nettyCpu),
                Map.entry("kernelShareOfCpu", r.kernelShare()),
                Map.entry("bytesAllocatedPerMessage", r.bytesAllocatedPerMessage()), Map.entry("window", window)));
          }
          results.stream().filter(r -> r.client().equals(BlockingSocketEcho.NAME)).findFirst().ifPresent(floor ->
              System.out.printf(Locale.ROOT, "%nThe floor, a blocking socket with no library and no event loop, spent"
                  + " %.2fx raw Netty's client CPU per message, %.0f%% of it in the kernel.%n",
                  floor.cpuMicrosPerMessage() / nettyCpu, 100 * floor.kernelShare()));
        }
      }
    }
  }

  // ------------------------------------------------------------------ many idle connections

  private static void fleet() throws Exception {
    // wsnova at 1,000 and at 19,000 connections (this machine's open-files limit), to show how the cost
    // grows; raw Netty at the larger count; the JDK client, at ~60 KiB each, at 2,000.
    int most = quick ? 1000 : Integer.getInteger("bench.connections", 19_000);
    String idle = quick ? "3" : "10";
    System.out.printf("%n### Idle connections (each client in its own JVM; wsnova pings every 5 s)%n%n");
    System.out.println("| client | connections | heap per connection | vs raw Netty | time to open all | CPU while idle |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    double rawHeap = Double.NaN;
    List<Object[]> runs = new ArrayList<>();
    runs.add(new Object[] {"raw-netty", most});
    if (!quick) {
      runs.add(new Object[] {"wsnova", 1000});
    }
    runs.add(new Object[] {"wsnova", most});
    runs.add(new Object[] {"jdk", Math.min(most, 2000)});
    double wsnovaAt1000 = Double.NaN;
    double wsnovaAtMost = Double.NaN;
    for (Object[] run : runs) {
      String client = (String) run[0];
      int count = (Integer) run[1];
      try (ChildJvm server = ChildJvm.start(null, "io.wsnova.bench.echo.EchoServer")) {
        String line = ChildJvm.runToCompletion(null, "RESULT", "io.wsnova.bench.fleet.FleetMain", client,
            String.valueOf(count), "ws://127.0.0.1:" + server.port() + "/idle", idle);
        String[] f = line.split(" ");
        double heap = Double.parseDouble(f[3]);
        if (client.equals("raw-netty")) {
          rawHeap = heap;
        }
        System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f B | %.2fx | %,d ms | %s %% |%n", client, count, heap,
            heap / rawHeap, Long.parseLong(f[4]), f[5]);
        if (client.equals("wsnova") && count == 1000) {
          wsnovaAt1000 = heap;
        }
        if (client.equals("wsnova") && count == most) {
          wsnovaAtMost = heap;
          target(String.format(Locale.ROOT, "<= 2 KB of heap per idle connection with a heartbeat, %,d connections",
              count), String.format(Locale.ROOT, "%,.0f B", heap), heap <= 2048);
        }
        row("fleet", Map.of("client", client, "connections", count, "heapBytesPerConnection", heap,
            "ratioToRawNetty", heap / rawHeap, "establishMillis", Long.parseLong(f[4]),
            "idleCpuPercent", Double.parseDouble(f[5])));
      }
    }
    if (!Double.isNaN(wsnovaAt1000) && most > 1000) {
      // The average above carries what a client pays once (classes loaded by the first connection) and the
      // loop-wide tables that grow in powers of two; the slope between the two counts is what each
      // connection adds.
      double added = (wsnovaAtMost * most - wsnovaAt1000 * 1000) / (most - 1000);
      System.out.printf(Locale.ROOT, "%nwsnova, what each connection adds from 1,000 to %,d: %,.0f B%n", most, added);
      row("fleet-marginal", Map.of("client", "wsnova", "from", 1000, "to", most, "heapBytesPerAddedConnection", added));
    }
  }

  // ------------------------------------------------------------------ reconnect storm

  private static void storm() throws Exception {
    int n = quick ? 200 : 1000;
    ReconnectStorm.Result r = ReconnectStorm.run(n);
    System.out.printf("%n### Reconnect storm: %,d wsnova connections, the server restarts once (default ErrorHandler)%n%n", n);
    System.out.println("| reconnected | all back after | first attempt | last attempt | p10-p90 spread | busiest 10 ms |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    System.out.printf("| %,d | %,d ms | %,d ms | %,d ms | %,d ms | %d attempts |%n", r.connections(), r.allBackMillis(),
        r.firstAttemptMillis(), r.lastAttemptMillis(), r.attemptSpreadP10ToP90Millis(), r.busiest10MillisBucket());
    target("every connection back after a server restart", r.connections() + " of " + n, r.connections() == n);
    target("reconnect attempts spread by jitter, not one instant",
        (r.lastAttemptMillis() - r.firstAttemptMillis()) + " ms between first and last", r.lastAttemptMillis()
            - r.firstAttemptMillis() >= 100);
    row("storm", Map.of("connections", r.connections(), "allBackMillis", r.allBackMillis(),
        "firstAttemptMillis", r.firstAttemptMillis(), "lastAttemptMillis", r.lastAttemptMillis(),
        "spreadP10ToP90Millis", r.attemptSpreadP10ToP90Millis(), "busiest10MillisBucket", r.busiest10MillisBucket()));
  }

  // ------------------------------------------------------------------ output

  // ------------------------------------------------------------------ permessage-deflate

  private static void deflate() throws Exception {
    Duration warmup = Duration.ofSeconds(quick ? 1 : 2);
    Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", quick ? 1 : 4));
    int rounds = Integer.getInteger("bench.rounds", quick ? 1 : 3);
    try (ChildJvm server = ChildJvm.start(null, "io.wsnova.bench.echo.EchoServer", "deflate")) {
      URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
      for (DeflateFeed.Result r : DeflateFeed.compare(uri, rounds, warmup, measure)) {
        row("deflate", Map.of("variant", r.variant(), "messagesPerSecond", r.messagesPerSecond(),
            "payloadBytes", r.payloadBytes(), "wireBytesUp", r.wireBytesUp(), "wireBytesDown", r.wireBytesDown()));
      }
    }
  }

  private static void target(String what, String measured, boolean met) {
    if (quick) {
      return; // one short round says nothing about a target: quick mode only smoke-tests the harness
    }
    TARGETS.add(new String[] {what, measured, met ? "yes" : "NO"});
    row("target", Map.of("target", what, "measured", measured, "met", met));
  }

  private static void printTargets() {
    if (TARGETS.isEmpty()) {
      System.out.println(quick ? "\n(quick mode: no verdicts against the targets from single short rounds)" : "");
      return;
    }
    System.out.println("\n### Against the targets\n");
    System.out.println("| target | measured | met |");
    System.out.println("|---|---:|---|");
    for (String[] t : TARGETS) {
      System.out.printf("| %s | %s | %s |%n", t[0], t[1], t[2]);
    }
  }

  private static void row(String part, Map<String, Object> values) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("part", part);
    row.putAll(values);
    ROWS.add(row);
  }

  private static void write() throws Exception {
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.json"), JsonCodec.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(ROWS));
    StringBuilder csv = new StringBuilder("part,key,value\n");
    for (int i = 0; i < ROWS.size(); i++) {
      for (Map.Entry<String, Object> e : ROWS.get(i).entrySet()) {
        csv.append(ROWS.get(i).get("part")).append('#').append(i).append(',').append(e.getKey()).append(',')
            .append(e.getValue()).append('\n');
      }
    }
    Files.writeString(dir.resolve("results.csv"), csv.toString());
    System.out.printf("%nwritten: %s and results.csv%n", dir.resolve("results.json").toAbsolutePath());
  }
}
