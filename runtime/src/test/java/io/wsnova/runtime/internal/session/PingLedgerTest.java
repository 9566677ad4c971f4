package io.wsnova.runtime.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The ledger keeps the first ping in flight in a field of its own and later ones in a list made on demand:
 * these tests hold the matching rules across that seam (several pings in flight, answered, missed, cleared).
 */
class PingLedgerTest {
  private final PingLedger ledger = new PingLedger();

  private static byte[] p(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aPongAnswersTheOldestPingWithItsPayloadAndForgivesTheOlderOnes() {
    CompletableFuture<Void> d1 = new CompletableFuture<>();
    CompletableFuture<Void> d2 = new CompletableFuture<>();
    CompletableFuture<Void> d3 = new CompletableFuture<>();
    ledger.sent(p("a"), 100, d1);
    ledger.sent(p("b"), 200, d2);
    ledger.sent(p("c"), 300, d3);

    assertThat(ledger.answered(p("b"), 450)).as("the round trip of the ping sent at 200").isEqualTo(250);
    assertThat(d1.isCancelled()).as("older ping forgiven").isTrue();
    assertThat(d2.isCancelled()).as("the answered ping's deadline").isTrue();
    assertThat(d3.isCancelled()).as("a newer ping still waits").isFalse();
    assertThat(ledger.answered(p("a"), 500)).as("a and b are gone").isEqualTo(-1);
    assertThat(ledger.answered(p("c"), 600)).isEqualTo(300);
    assertThat(ledger.answered(p("c"), 700)).as("nothing left in flight").isEqualTo(-1);
  }

  @Test
  void equalPayloadsAreAnsweredOldestFirst() {
    ledger.sent(p("x"), 10, new CompletableFuture<>());
    ledger.sent(p("x"), 20, new CompletableFuture<>());
    assertThat(ledger.answered(p("x"), 30)).isEqualTo(20);
    assertThat(ledger.answered(p("x"), 30)).isEqualTo(10);
    assertThat(ledger.answered(p("x"), 30)).isEqualTo(-1);
  }

  @Test
  void aMissedPingLeavesTheOthersInOrder() {
    ledger.sent(p("a"), 1, new CompletableFuture<>());
    ledger.sent(p("b"), 2, new CompletableFuture<>());
    ledger.sent(p("c"), 3, new CompletableFuture<>());

    assertThat(ledger.missed(2)).as("b, from the middle").isTrue();
    assertThat(ledger.missed(2)).as("already given up").isFalse();
    assertThat(ledger.missed(1)).as("a, the oldest").isTrue();
    assertThat(ledger.answered(p("b"), 10)).isEqualTo(-1);
    assertThat(ledger.answered(p("c"), 10)).isEqualTo(7);
    assertThat(ledger.missed(3)).as("answered, so no longer missed").isFalse();
  }

  @Test
  void aPingSentAfterTheLedgerEmptiedIsTheOldestAgain() {
    ledger.sent(p("a"), 1, new CompletableFuture<>());
    ledger.sent(p("b"), 2, new CompletableFuture<>());
    assertThat(ledger.answered(p("b"), 5)).isEqualTo(3);
    ledger.sent(p("c"), 6, new CompletableFuture<>());
    ledger.sent(p("d"), 7, new CompletableFuture<>());
    assertThat(ledger.answered(p("c"), 8)).isEqualTo(2);
    assertThat(ledger.answered(p("d"), 9)).isEqualTo(2);
  }

  @Test
  void clearCancelsEveryDeadline() {
    CompletableFuture<Void> d1 = new CompletableFuture<>();
    CompletableFuture<Void> d2 = new CompletableFuture<>();
    ledger.sent(p("a"), 1, d1);
    ledger.sent(p("b"), 2, d2);
    ledger.clear();
    assertThat(d1.isCancelled()).isTrue();
    assertThat(d2.isCancelled()).isTrue();
    assertThat(ledger.answered(p("a"), 3)).isEqualTo(-1);
    assertThat(ledger.missed(2)).isFalse();
  }
}
