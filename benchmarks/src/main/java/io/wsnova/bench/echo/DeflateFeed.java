package io.wsnova.bench.echo;

import io.wsnova.annotations.OnFrame;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.DeflateOptions;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JSON feed echoed with and without permessage-deflate: messages per second, and the bytes each message
 * took on TCP in each direction (counted by the server below its codecs).
 */
public final class DeflateFeed {
  /** One variant's run. */
  public record Result(String variant, double messagesPerSecond, double payloadBytes, double wireBytesUp,
      double wireBytesDown) {}

  /** Ticks of the shape exchanges send: distinct numbers in every message, as in a real feed. */
  static final String[] MESSAGES = new String[1024];

  static {
    Random random = new Random(42);
    for (int i = 0; i < MESSAGES.length; i++) {
      StringBuilder book = new StringBuilder();
      for (int level = 0; level < 10; level++) {
        book.append(level == 0 ? "" : ",").append(String.format(Locale.ROOT, "[\"%.5f\",\"%.2f\"]",
            1.08 + random.nextInt(1000) / 1e5, random.nextInt(100_000) / 100.0));
      }
      MESSAGES[i] = String.format(Locale.ROOT, "{\"type\":\"book\",\"channel\":\"orderbook.EURUSD\",\"seq\":%d,"
          + "\"ts\":%d,\"bids\":[%s],\"asks\":[%s]}", 1_000_000 + i, 1_764_500_000_000L + i * 7L, book, book);
    }
  }

  /** The handler: counts echoes and answers each with the next message while running. */
  public static class Feed {
    volatile boolean running = true;
    long received;
    int next;
    final CompletableFuture<String> wire = new CompletableFuture<>();

    @OnFrame
    void echo(String text, Connection connection) {
      if (text.startsWith("WIRE ")) {
        wire.complete(text);
        return;
      }
      received++;
      if (running) {
        connection.sendText(MESSAGES[next++ & (MESSAGES.length - 1)]);
      }
    }
  }

  private DeflateFeed() {}

  public static Result run(URI uri, boolean deflate, int window, Duration warmup, Duration measure) throws Exception {
    try (NovaClient client = NovaClient.builder().threads(1).build()) {
      Feed feed = new Feed();
      Options.Builder options = Options.builder().uri(uri).maxMessageSize(16 << 20);
      if (deflate) {
        options.permessageDeflate(DeflateOptions.defaults());
      }
      Connection c = client.connect(feed, options.build()).get(10, TimeUnit.SECONDS);
      long payload = 0;
      for (int i = 0; i < window; i++) {
        payload += MESSAGES[i].length();
      }
      for (int i = 0; i < window; i++) {
        c.sendText(MESSAGES[i]);
      }
      Thread.sleep(warmup.toMillis());
      long before = status(c);
      long start = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long counted = status(c) - before;
      double seconds = (System.nanoTime() - start) / 1e9;
      feed.running = false;
      Thread.sleep(200); // the window drains
      c.sendText("WIRE?");
      String[] wire = feed.wire.get(10, TimeUnit.SECONDS).split(" ");
      long messages = c.status().get(10, TimeUnit.SECONDS).framesReceived() - 1; // all echoes, not the WIRE answer
      double average = (double) payload / window;
      c.close().get(10, TimeUnit.SECONDS);
      return new Result(deflate ? "permessage-deflate" : "uncompressed", counted / seconds, average,
          Double.parseDouble(wire[1]) / messages, Double.parseDouble(wire[2]) / messages);
    }
  }

  private static long status(Connection c) throws Exception {
    return c.status().get(10, TimeUnit.SECONDS).framesReceived();
  }
}
