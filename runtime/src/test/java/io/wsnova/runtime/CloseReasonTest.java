package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.LiveServerTest;
import io.wsnova.runtime.testing.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One rule for every close reason: at most 123 bytes of UTF-8, cut at a character boundary. */
class CloseReasonTest extends LiveServerTest {

  @Test
  void aLongReasonIsCutAtACharacterBoundary() {
    String euros = "€".repeat(60); // 3 bytes each: 180 bytes
    String fitted = CloseCodes.fitReason(euros);
    assertThat(fitted.getBytes(StandardCharsets.UTF_8)).hasSize(123);
    assertThat(fitted).isEqualTo("€".repeat(41));
    String emoji = "a" + "😀".repeat(40); // 1 + 4 * 40 bytes: a cut at 123 falls inside the 31st
    assertThat(CloseCodes.fitReason(emoji)).isEqualTo("a" + "😀".repeat(30));
    assertThat(CloseCodes.fitReason(null)).isEmpty();
    assertThat(CloseCodes.fitReason("short")).isEqualTo("short");
  }

  @Test
  void everyResultAndCloseFollowsTheRule() {
    String long200 = "x".repeat(200);
    assertThat(Result.stop(long200).reason()).hasSize(123);
    assertThat(Result.close(4000, long200).reason()).hasSize(123);
  }

  @Test
  void aStopWithA200ByteReasonStillClosesWithACodeThePeerRecords() throws Exception {
    server.closeCodes.clear();
    Recorder r = new Recorder(server.uri("/echo"));
    r.onOpen = c -> Result.stop("y".repeat(200));
    Connection c = client.connect(r, r.options().build()).get(10, TimeUnit.SECONDS);
    assertThat(server.awaitCloseCode(CloseCodes.NORMAL)).isEqualTo(CloseCodes.NORMAL);
    DisconnectReason reason = c.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(((DisconnectReason.LocalClose) reason).reason()).hasSize(123);
  }
}
