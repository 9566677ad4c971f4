package io.wsnova.bench.echo;

import io.wsnova.bench.clients.EchoClient;
import java.net.URI;
import java.time.Duration;

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
      double cpuMicrosPerMessage, double kernelShare, double bytesAllocatedPerMessage) {}

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
      long allocated0 = allocatedBytes();
      long start = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long received = loop.stop();
      long[] ticks1 = userAndKernelTicks();
      long allocated = allocatedBytes() - allocated0;
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

  /** Heap bytes allocated so far by this JVM's live threads (the client's loops among them). */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, bytes); // -1 for a thread that ended in between
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
