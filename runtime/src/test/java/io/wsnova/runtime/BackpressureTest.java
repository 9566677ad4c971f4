package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that stops reading: sends fail once the outbound limit is reached, and no send is lost silently. */
class BackpressureTest extends LiveServerTest {
  @Test
  void sendsFailWithBufferFullOnceTheLimitIsReached() throws Exception {
    Recorder r = new Recorder(server.uri("/stall"));
    int limit = 256 * 1024;
    Connection c = client.connect(r, r.options().outboundBufferLimit(limit).build()).get(10, TimeUnit.SECONDS);
    byte[] chunk = new byte[16 * 1024];
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    Throwable firstFailure = null;
    // Kernel buffers on loopback hold a few MiB before the outbound buffer starts to fill.
    for (int i = 0; i < 20_000 && firstFailure == null; i++) {
      CompletableFuture<Void> f = c.sendBinary(chunk);
      sends.add(f);
      if (i % 64 == 63) {
        Thread.sleep(1);
        firstFailure = sends.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst()
            .map(x -> x.handle((v, e) -> e).join()).orElse(null);
      }
    }

    assertThat(firstFailure).as("a send failed").isInstanceOf(SendException.class);
    assertThat(((SendException) firstFailure).reason()).isEqualTo(SendException.Reason.BUFFER_FULL);
    c.close(1000, "");
    CompletableFuture.allOf(sends.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
        .get(15, TimeUnit.SECONDS);
    assertThat(sends).as("every send completed or failed: none is left hanging").allMatch(CompletableFuture::isDone);
  }
}
