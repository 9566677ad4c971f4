package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.testing.Recorder;
import io.wsnova.runtime.testing.LiveServerTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server that breaks RFC 6455: the client closes with the status code the RFC names (section 7.4.1),
 * the server receives that close frame, and on disconnect sees the same code.
 */
class ProtocolViolationTest extends LiveServerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "invalid UTF-8 in a text frame,                 8102C328,                 1007",
      "CESU-8 surrogate pair,                         8106EDA080EDB080,         1007",
      "invalid UTF-8 in the first fragment only,      0102C328,                 1007",
      "UTF-8 sequence cut at the end of the message,  8102E282,                 1007",
      "reserved bit set without an extension,         C1026869,                 1002",
      "unknown opcode 3,                              8300,                     1002",
      "masked frame from the server,                  8182000000006869,         1002",
      "fragmented ping,                               0900,                     1002",
      "continuation without a start,                  80026869,                 1002",
      "close frame with reserved code 1005,           880203ED,                 1002",
      "binary message over the maximum size,          827E012C,                 1009",
      "fragments adding up to over the maximum size,  027E00A0,                 1009",
      "ping longer than 125 bytes,                    897E007E,                 1002",
  })
  void closesWithTheRfcCode(String what, String hexPrefix, int code) throws Exception {
    String hex = hexPrefix;
    if (hexPrefix.startsWith("827E012C")) {
      hex += "00".repeat(300); // 300 bytes > the 200-byte limit below
    } else if (hexPrefix.startsWith("897E007E")) {
      hex += "00".repeat(126);
    } else if (hexPrefix.startsWith("027E00A0")) {
      hex += "00".repeat(160) + "007E00A0" + "00".repeat(160); // 160 + 160 > 200
    }
    server.closeCodes.clear();
    Recorder r = new Recorder(server.uri("/raw/" + hex));
    r.policy = e -> Result.stop();
    client.connect(r, r.options().maxMessageSize(200).build()).get(10, TimeUnit.SECONDS);

    DisconnectReason reason = r.next(DisconnectReason.class);
    assertThat(reason).isInstanceOf(DisconnectReason.ProtocolError.class);
    assertThat(((DisconnectReason.ProtocolError) reason).code()).as(what).isEqualTo(code);
    assertThat(server.awaitCloseCode(code)).as("close frame the server received").isEqualTo(code);
  }
}
