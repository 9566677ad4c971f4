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

  /** The handler: answers each echo with the next message while running (the connection's status counts them). */
  public static class Feed {
    volatile boolean running = true;
    int next;
    final CompletableFuture<String> wire = new CompletableFuture<>();

    @OnFrame
    void echo(String text, Connection connection) {
      if (text.startsWith("WIRE ")) {
        wire.complete(text);
        return;
      }
      if (running) {
        connection.sendText(MESSAGES[next++ & (MESSAGES.length - 1)]);
      }
    }
  }

  private DeflateFeed() {}

  /**
   * Both variants in interleaved rounds, each starting with the other one in turn; prints the table of the
   * medians and returns them, uncompressed first.
   */
  public static java.util.List<Result> compare(URI uri, int rounds, Duration warmup, Duration measure)
      throws Exception {
    java.util.List<Result> plain = new java.util.ArrayList<>();
    java.util.List<Result> deflated = new java.util.ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (boolean deflate : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
        (deflate ? deflated : plain).add(run(uri, deflate, 64, warmup, measure));
      }
    }
    java.util.List<Result> medians = java.util.List.of(median(plain), median(deflated));
    System.out.printf("%n### A JSON order-book feed echoed over loopback, with and without permessage-deflate"
        + " (64 in flight, medians of %d rounds)%n%n", rounds);
    System.out.println("| variant | messages/s | vs uncompressed | payload B/msg | wire B/msg up | wire B/msg down |"
        + " wire vs payload |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Result r : medians) {
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2fx | %.0f | %.0f | %.0f | %.2f |%n", r.variant(),
          r.messagesPerSecond(), r.messagesPerSecond() / medians.get(0).messagesPerSecond(), r.payloadBytes(),
          r.wireBytesUp(), r.wireBytesDown(), r.wireBytesDown() / r.payloadBytes());
    }
    return medians;
  }

  private static Result median(java.util.List<Result> results) {
    java.util.List<Result> sorted = new java.util.ArrayList<>(results);
    sorted.sort(java.util.Comparator.comparingDouble(Result::messagesPerSecond));
    return sorted.get(sorted.size() / 2);
  }

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
