package io.wsnova.bench.fleet;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnPong;
import java.time.Duration;

/** An idle connection's handler: it only counts connects and keeps the last round trip. */
public class IdleHandler {
  int connects;
  Duration lastRoundTrip;

  @OnConnect
  void connected() {
    connects++;
  }

  @OnPong
  void pong(Duration roundTrip) {
    lastRoundTrip = roundTrip;
  }
}
