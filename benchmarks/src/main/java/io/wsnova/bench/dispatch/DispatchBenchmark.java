package io.wsnova.bench.dispatch;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.adapter.JsonCodec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Delivering one inbound text frame to a user method: through the generated adapter, a hand-written
 * {@link ConnectionHandler}, {@link Method#invoke} and a {@link MethodHandle}; for a plain text frame and
 * for a JSON frame decoded into a record. Every variant starts from the same string and builds the same
 * {@link Frame}, so the differences are the dispatch alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {
  private static final JsonCodec.Decoder<Ticks.Tick> TICK = JsonCodec.decoder(Ticks.Tick.class);
  private static final MethodHandle TEXT_HANDLE;
  private static final MethodHandle TICK_HANDLE;
  private static final Method TEXT_METHOD;
  private static final Method TICK_METHOD;

  static {
    try {
      TEXT_METHOD = Ticks.class.getMethod("text", String.class);
      TICK_METHOD = Ticks.class.getMethod("tick", Ticks.Tick.class);
      TEXT_HANDLE = MethodHandles.publicLookup().findVirtual(Ticks.class, "text",
          MethodType.methodType(void.class, String.class));
      TICK_HANDLE = MethodHandles.publicLookup().findVirtual(Ticks.class, "tick",
          MethodType.methodType(void.class, Ticks.Tick.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** 64 bytes of text that is not JSON. */
  String text = "The quick brown fox jumps over the lazy dog, twice: 0123456789ab";
  String json = "{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"price\":1.08425}";
  Ticks ticks = new Ticks();
  Connection connection = null; // the user methods here take no Connection
  ConnectionHandler generated = new TicksConnectionHandler(ticks);
  ConnectionHandler handWritten = new HandWrittenTicks(ticks);

  @Benchmark
  public Result textGenerated() throws Exception {
    return generated.onFrame(Frame.text(text), connection);
  }

  @Benchmark
  public Result textHandWritten() throws Exception {
    return handWritten.onFrame(Frame.text(text), connection);
  }

  // The reflective variants route like the others: a text frame is checked for the JSON route first.

  @Benchmark
  public Object textReflection() throws Exception {
    return reflect(Frame.text(text));
  }

  @Benchmark
  public void textMethodHandle() throws Throwable {
    handle(Frame.text(text));
  }

  @Benchmark
  public Result jsonGenerated() throws Exception {
    return generated.onFrame(Frame.text(json), connection);
  }

  @Benchmark
  public Result jsonHandWritten() throws Exception {
    return handWritten.onFrame(Frame.text(json), connection);
  }

  @Benchmark
  public Object jsonReflection() throws Exception {
    return reflect(Frame.text(json));
  }

  @Benchmark
  public void jsonMethodHandle() throws Throwable {
    handle(Frame.text(json));
  }

  private Object reflect(Frame f) throws Exception {
    if ("tick".equals(JsonCodec.field(f.text(), "type"))) {
      return TICK_METHOD.invoke(ticks, TICK.decode(f.text()));
    }
    return TEXT_METHOD.invoke(ticks, f.text());
  }

  private void handle(Frame f) throws Throwable {
    if ("tick".equals(JsonCodec.field(f.text(), "type"))) {
      TICK_HANDLE.invokeExact(ticks, TICK.decode(f.text()));
    } else {
      TEXT_HANDLE.invokeExact(ticks, f.text());
    }
  }
}
