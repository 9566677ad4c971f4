package io.wsnova.bench.echo;

import io.wsnova.bench.clients.EchoClient;
import java.net.URI;
import java.time.Duration;

/** One client, one message size: a window of messages echoed for a warm-up, then measured. */
public final class EchoRun {
  /**
   * Messages per second, round-trip quantiles, and the client JVM's CPU time per message (all its threads:
   * the server runs in another JVM), which depends less on how the two processes were scheduled.
   */
  public record Result(String client, int size, double messagesPerSecond, double p50Micros, double p99Micros,
      double cpuMicrosPerMessage) {}

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
      long start = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long received = loop.stop();
      double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1000.0;
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(100); // let the last echoes drain before closing
      return new Result(client.name(), size, received / seconds, loop.quantileMicros(0.5), loop.quantileMicros(0.99),
          cpuMicros / received);
    } finally {
      try {
        client.close();
      } catch (Exception e) {
        System.out.println("  (" + client.name() + " did not close cleanly: " + e + ")");
      }
    }
  }
}
