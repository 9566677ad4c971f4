package io.wsnova.bench.echo;

import io.wsnova.bench.clients.EchoClient;
import java.net.URI;
import java.time.Duration;

/** One client, one message size: a window of messages echoed for a warm-up, then measured. */
public final class EchoRun {
  /** Messages per second and round-trip quantiles in microseconds. */
  public record Result(String client, int size, double messagesPerSecond, double p50Micros, double p99Micros) {}

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
      loop.startMeasuring();
      long start = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long received = loop.stop();
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(100); // let the last echoes drain before closing
      return new Result(client.name(), size, received / seconds, loop.quantileMicros(0.5), loop.quantileMicros(0.99));
    } finally {
      try {
        client.close();
      } catch (Exception e) {
        System.out.println("  (" + client.name() + " did not close cleanly: " + e + ")");
      }
    }
  }
}
