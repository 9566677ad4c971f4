package io.wsnova.bench.fleet;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.wsnova.bench.clients.RawNettyEcho;
import io.wsnova.runtime.Connection;
import io.wsnova.runtime.NovaClient;
import io.wsnova.runtime.Options;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Many idle connections, in a JVM of their own so that the heap measured is the client's alone. Prints
 * one line {@code RESULT client n heapBytesPerConnection establishMillis idleCpuPercent}.
 */
public final class FleetMain {
  private FleetMain() {}

  public static void main(String[] args) throws Exception {
    String client = args[0];
    int n = Integer.parseInt(args[1]);
    URI uri = URI.create(args[2]);
    Duration idle = Duration.ofSeconds(Long.parseLong(args[3]));
    long before;
    long start;
    List<Object> keep = new ArrayList<>();
    switch (client) {
      case "wsnova": {
        NovaClient nova = NovaClient.builder().threads(1).build();
        keep.add(nova);
        before = usedHeap();
        start = System.nanoTime();
        // Heartbeat on: a ping every 5 s, so the idle window below includes the timers' cost.
        Options options = Options.builder().uri(uri).pingInterval(Duration.ofSeconds(5)).build();
        List<CompletableFuture<Connection>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          batch.add(nova.connect(new IdleHandler(), options));
          if (batch.size() == 500 || i == n - 1) {
            CompletableFuture.allOf(batch.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            batch.forEach(f -> keep.add(f.join()));
            batch.clear();
          }
        }
        break;
      }
      case "raw-netty": {
        EventLoopGroup group = RawNettyEcho.group(1);
        keep.add(group);
        before = usedHeap();
        start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<Channel>> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          opened.add(pool.submit(() -> RawNettyEcho.open(group, uri, new Ignore())));
        }
        for (java.util.concurrent.Future<Channel> f : opened) {
          keep.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        break;
      }
      case "jdk": {
        HttpClient http = HttpClient.newHttpClient();
        keep.add(http);
        before = usedHeap();
        start = System.nanoTime();
        List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          batch.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}));
          if (batch.size() == 200 || i == n - 1) {
            CompletableFuture.allOf(batch.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            batch.forEach(f -> keep.add(f.join()));
            batch.clear();
          }
        }
        break;
      }
      default:
        throw new IllegalArgumentException("unknown client " + client);
    }
    long establishMillis = (System.nanoTime() - start) / 1_000_000;
    long after = usedHeap();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    Thread.sleep(idle.toMillis());
    double cpuPercent = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
    System.out.printf(java.util.Locale.ROOT, "RESULT %s %d %d %d %.2f%n", client, n, (after - before) / n,
        establishMillis, cpuPercent);
    System.out.flush();
    System.exit(keep.isEmpty() ? 1 : 0);
  }

  /**
   * The heap the last full collection left: what its pools held right after it, not the heap in use when
   * asked. The event loops allocate between a collection and a later reading, and a buffer a thread takes
   * for its allocations counts whole: read as used heap, 19,000 idle wsnova connections moved by up to 55 B
   * each from one second to the next, while what the collection left moved by a few bytes (the handlers'
   * first round trips arriving).
   */
  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    long afterCollection = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage left = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (left != null) {
        afterCollection += left.getUsed();
      }
    }
    return afterCollection;
  }

  private static final class Ignore extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame msg) {}
  }
}
