package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.examples.server.DemoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exchange example against the embedded server in Deribit's dialect, which drops every connection
 * three times: each time the client authenticates and subscribes again, and every answer matches, no
 * heartbeat is missed and the rate limit is never tripped.
 */
class ExchangeTest {

  @Test
  void survivesThreeDropsWithEveryAnswerMatched() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DemoServer server = DemoServer.start()) {
      Thread dropper = new Thread(() -> {
        try {
          for (int i = 0; i < 3; i++) {
            Thread.sleep(1500);
            server.dropConnections();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      dropper.start();
      ExchangeRun.Report report = ExchangeRun.run(server.uri("/ws/api/v2").toString(), DemoServer.EXCHANGE_CLIENT_ID,
          DemoServer.EXCHANGE_CLIENT_SECRET, Duration.ofSeconds(7), new PrintStream(bytes, true, StandardCharsets.UTF_8),
          () -> {});
      dropper.join();

      assertThat(report.problems()).as(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(report.reconnects()).isEqualTo(3);
      assertThat(report.stats().tokens()).as("authenticated on every connection, refreshed in between")
          .isGreaterThanOrEqualTo(4);
      assertThat(report.stats().heartbeatsAnswered()).isPositive();
      assertThat(report.answered()).isGreaterThan(10);
      assertThat(server.exchangeRateLimited()).isZero();
      assertThat(server.exchangeMissedHeartbeats()).isZero();
    }
  }

  @Test
  void wrongCredentialsStopTheRunWithAClearFailure() {
    try (DemoServer server = DemoServer.start()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExchangeRun.run(server.uri("/ws/api/v2").toString(),
              "someone", "wrong", Duration.ofSeconds(1), new PrintStream(new ByteArrayOutputStream(), true,
                  StandardCharsets.UTF_8), () -> {}))
          .hasStackTraceContaining("invalid_credentials");
    }
  }
}
