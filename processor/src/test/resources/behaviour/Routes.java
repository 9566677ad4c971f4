package com.example;

import io.wsnova.annotations.*;
import io.wsnova.runtime.*;
import java.nio.ByteBuffer;

public class Routes {
  public record Tick(String symbol) {}
  public record Ack(int id) {}

  public String last = "";

  @OnFrame(field = "op", value = "tick") void tick(Tick tick) { last = "tick " + tick.symbol(); }
  @OnFrame(field = "op", value = "2") void ack(Ack ack) { last = "ack " + ack.id(); }
  @OnFrame void binary(ByteBuffer data, Connection connection) { last = "binary " + data.remaining(); }
  @PrepareFrame byte[] upper(byte[] payload) { return new byte[] {(byte) payload.length}; }
}
