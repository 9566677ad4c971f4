package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo the README starts: its summary, asserted. */
class DemoTest {

  @Test
  void theDemoRecoversFromTheDropAndReportsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.Summary s = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(4));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(s.problems()).isEmpty();
    assertThat(s.market().ticks()).isPositive();
    assertThat(s.resilient().received()).isPositive();
    assertThat(s.market().pongs()).as("latencies measured from pongs").isGreaterThanOrEqualTo(1);
    assertThat(s.market().latency()).isNotNull();
    assertThat(s.dropsProvoked()).isEqualTo(1);
    assertThat(s.marketReconnects()).as("exactly the reconnects provoked").isEqualTo(1);
    assertThat(s.resilientReconnects()).isEqualTo(1);
    assertThat(s.market().lastDisconnect()).startsWith("TransportError");
    assertThat(out).contains("!! the server drops every connection").contains("Summary")
        .contains("OK: every connection recovered through its ErrorHandler");
    // The metrics summary reads the meters wsnova-micrometer registered: real counts, not zeros or "-".
    java.util.regex.Matcher metrics = java.util.regex.Pattern
        .compile("MarketData +messages in (\\d+) \\((\\d+) bytes\\).*on frame ([^ ]+) µs per call").matcher(out);
    assertThat(metrics.find()).as(out).isTrue();
    assertThat(Long.parseLong(metrics.group(1))).isGreaterThanOrEqualTo(s.market().ticks());
    assertThat(Long.parseLong(metrics.group(2))).isPositive();
  }

  @Test
  void aDemoThatCannotRunSaysWhyAndExitsNonZero() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Demo.class.getName(),
          "--port", String.valueOf(taken.getLocalPort())).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(p.waitFor()).as(out).isEqualTo(2);
      assertThat(out).contains("demo failed: ")
          .contains("the demo server cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void theDemoExitsZeroAsAProcess() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Demo.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("OK: every connection recovered");
  }
}
