package io.wsnova.bench.dispatch;

import io.wsnova.runtime.RequestOptions;
import io.wsnova.runtime.adapter.JsonCodec;
import io.wsnova.runtime.internal.session.RequestTracker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What request correlation costs per inbound frame: the id scan of a frame that answers nothing, beside
 * the route scan every routed frame already pays, and a whole request answered (stamp, send, match,
 * decode the result once).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBenchmark {
  public record Position(String instrument, double size) {}

  public record GetPosition(String jsonrpc, String method, java.util.Map<String, String> params) {}

  /** A JSON-RPC notification: it has no id, as the protocol says. */
  String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"ticker.BTC\","
      + "\"data\":{\"last\":97000.5,\"bid\":96999,\"ask\":97001}}}";
  /** An answer to a request of someone else's (an id the tracker did not send), the id first as servers write it. */
  String otherAnswer = "{\"jsonrpc\":\"2.0\",\"id\":99999,\"result\":{\"instrument\":\"BTC\",\"size\":1.5}}";
  String answer;
  ScheduledExecutorService loop;
  RequestTracker idle;
  RequestTracker answering;
  GetPosition request = new GetPosition("2.0", "private/get_position", java.util.Map.of("instrument", "BTC"));

  @Setup
  public void setUp() {
    loop = Executors.newSingleThreadScheduledExecutor();
    idle = new RequestTracker(RequestOptions.JSON_RPC, loop, JsonCodec.mapper(),
        json -> CompletableFuture.completedFuture(null), id -> {});
    idle.start(request, Position.class, Duration.ofHours(1), new CompletableFuture<Position>()); // one waiting
    answering = new RequestTracker(RequestOptions.JSON_RPC, loop, JsonCodec.mapper(),
        json -> CompletableFuture.completedFuture(null), id -> {});
  }

  @TearDown
  public void tearDown() {
    loop.shutdownNow();
  }

  @Benchmark
  public String routeScan() {
    return JsonCodec.field(notification, "method");
  }

  @Benchmark
  public boolean idCheckOfANotification() {
    return idle.offer(notification);
  }

  @Benchmark
  public String routeScanOfAnAnswer() {
    return JsonCodec.field(otherAnswer, "method");
  }

  @Benchmark
  public boolean idScanOfAnAnswerToNoneOfOurs() {
    return idle.offer(otherAnswer);
  }

  private long nextId = 0;

  @Benchmark
  public Position requestAnswered() {
    CompletableFuture<Position> f = new CompletableFuture<>();
    answering.start(request, Position.class, Duration.ofHours(1), f);
    nextId++;
    answering.offer("{\"jsonrpc\":\"2.0\",\"id\":" + nextId + ",\"result\":{\"instrument\":\"BTC\",\"size\":1.5}}");
    return f.getNow(null);
  }
}
