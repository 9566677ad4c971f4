package io.wsnova.bench.echo;

import io.wsnova.bench.clients.EchoClient;
import io.wsnova.bench.clients.EchoClients;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One client, one message size: a window of messages echoed for a warm-up, then measured. */
public final class EchoRun {
  /**
   * Messages per second, round-trip quantiles, and the client JVM's CPU time per message (all its threads:
   * the server runs in another JVM), which depends less on how the two processes were scheduled; and the
   * kernel's share of that CPU (system calls: reads, writes, epoll), NaN where {@code /proc} is missing; and
   * the heap bytes the client JVM's threads allocated per message, a figure the machine's noise hardly moves
   * (the harness's own share, a latency sample per message, is the same for every client).
   */
  public record Result(String client, int size, double messagesPerSecond, double p50Micros, double p99Micros,
      double cpuMicrosPerMessage, double kernelShare, double bytesAllocatedPerMessage) {

    /** The line {@link #main} prints. */
    String line() {
      return String.format(Locale.ROOT, "%s %s %s %s %s %s %s", RESULT, messagesPerSecond, p50Micros, p99Micros,
          cpuMicrosPerMessage, kernelShare, bytesAllocatedPerMessage);
    }

    /** What a run's JVM printed, as {@link #line()} writes it. */
    public static Result parse(String client, int size, String line) {
      String[] f = line.substring(RESULT.length()).trim().split(" ");
      return new Result(client, size, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
          Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
    }
  }

  /** How the line with a run's result starts. */
  public static final String RESULT = "ECHO-RESULT";

  /**
   * One run in a JVM of its own, so that no other client's run has shaped the JIT's profile of the code they
   * share (every Netty-based client runs Netty's pipeline and buffers): arguments client name, URI, message
   * size, messages in flight, warm-up and measured milliseconds. Prints {@link Result#line()}.
   */
  public static void main(String[] args) throws Exception {
    Result r = run(EchoClients.named(args[0]), URI.create(args[1]), Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])));
    System.out.println(r.line());
    System.exit(0); // a client library's non-daemon thread must not keep the run's JVM alive
  }

  private EchoRun() {}

  public static Result run(EchoClient client, URI uri, int size, int window, Duration warmup, Duration measure)
      throws Exception {
    String payload = "x".repeat(size);
    EchoLoop loop = new EchoLoop();
    try {
      client.connect(uri, payload, loop);
      for (int i = 0; i < window; i++) {
        loop.sent();
        client.send(payload);
      }
      Thread.sleep(warmup.toMillis());
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      loop.startMeasuring();
      long cpu0 = os.getProcessCpuTime();
      long[] ticks0 = userAndKernelTicks();
      Map<Long, Long> allocated0 = allocatedBytes();
      long start = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long received = loop.stop();
      long[] ticks1 = userAndKernelTicks();
      long allocated = allocatedSince(allocated0, allocatedBytes());
      double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1000.0;
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(100); // let the last echoes drain before closing
      return new Result(client.name(), size, received / seconds, loop.quantileMicros(0.5), loop.quantileMicros(0.99),
          cpuMicros / received, kernelShare(ticks0, ticks1), (double) allocated / received);
    } finally {
      try {
        client.close();
      } catch (Exception e) {
        System.out.println("  (" + client.name() + " did not close cleanly: " + e + ")");
      }
    }
  }

  /** Heap bytes each live thread of this JVM has allocated so far, by thread id. */
  private static Map<Long, Long> allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) { // -1 for a thread that ended in between
        byThread.put(ids[i], bytes[i]);
      }
    }
    return byThread;
  }

  /**
   * What the threads alive at {@code after} allocated since {@code before}. A thread that ended in between
   * takes its count with it (a client that hands work to short-lived threads is under-counted; the event
   * loops of the Netty clients live through the run), so the sum is per thread, never negative.
   */
  private static long allocatedSince(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /** This JVM's user and kernel CPU in clock ticks, from {@code /proc/self/stat}; null where it is missing. */
  private static long[] userAndKernelTicks() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      // Fields after the command name (which may hold spaces) start with the state, field 3; utime is 14.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static double kernelShare(long[] before, long[] after) {
    if (before == null || after == null) {
      return Double.NaN;
    }
    long user = after[0] - before[0];
    long kernel = after[1] - before[1];
    return user + kernel == 0 ? Double.NaN : (double) kernel / (user + kernel);
  }
}
