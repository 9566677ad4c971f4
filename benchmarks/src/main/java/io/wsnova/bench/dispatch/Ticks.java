package io.wsnova.bench.dispatch;

import io.wsnova.annotations.OnFrame;

/** The user class of the dispatch benchmark: one JSON route and a text fallback. */
public class Ticks {
  public record Tick(String type, String symbol, double price) {}

  /** Written by the methods so the JIT cannot drop the calls. */
  public Object last;

  @OnFrame(field = "type", value = "tick")
  public void tick(Tick tick) {
    last = tick;
  }

  @OnFrame
  public void text(String text) {
    last = text;
  }
}
