package io.wsnova.bench.dispatch;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.FrameType;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.adapter.JsonCodec;

/** What a careful person writes by hand for {@link Ticks}: the baseline of the generated adapter. */
public final class HandWrittenTicks implements ConnectionHandler {
  private static final JsonCodec.Decoder<Ticks.Tick> TICK = JsonCodec.decoder(Ticks.Tick.class);
  private final Ticks ticks;

  public HandWrittenTicks(Ticks ticks) {
    this.ticks = ticks;
  }

  @Override
  public Result onFrame(Frame frame, Connection connection) {
    if (frame.type() == FrameType.TEXT) {
      String text = frame.text();
      String route = JsonCodec.field(text, "type");
      if ("tick".equals(route)) {
        ticks.tick(TICK.decode(text));
        return Result.ok();
      }
      ticks.text(text);
    }
    return Result.ok();
  }
}
