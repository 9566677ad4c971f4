package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.Frame;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routes that fit JSON-RPC-style APIs: several fields, nested paths, prefix patterns with a precedence
 * that picks the most specific route, and nested decoding, compiled and dispatched on both compilers.
 */
class RoutingTest {
  private final FakeConnection connection = new FakeConnection();

  /** A Deribit-style client: notifications by method and nested channel, heartbeats, and a fallback. */
  private static final String API = "package demo;\nimport io.wsnova.annotations.*;\n"
      + "public class Api {\n"
      + "  public record Ticker(String instrument, double last) {}\n"
      + "  public record Trade(String id, double price) {}\n"
      + "  public record Heartbeat(String type) {}\n"
      + "  public record Any(String method) {}\n"
      + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
      + "  @OnFrame(when = {\"method=subscription\", \"params.channel=ticker.*\"}, decode = \"params.data\")\n"
      + "  void ticker(Ticker t) { calls.add(\"ticker \" + t.instrument() + \" \" + t.last()); }\n"
      + "  @OnFrame(when = {\"method=subscription\", \"params.channel=trades.BTC*\"}, decode = \"params.data\")\n"
      + "  void btcTrade(Trade t) { calls.add(\"btc trade \" + t.id()); }\n"
      + "  @OnFrame(when = {\"method=subscription\", \"params.channel=trades.*\"}, decode = \"params.data\")\n"
      + "  void trade(Trade t) { calls.add(\"trade \" + t.id()); }\n"
      + "  @OnFrame(field = \"method\", value = \"heartbeat\", decode = \"params\")\n"
      + "  void heartbeat(Heartbeat h) { calls.add(\"heartbeat \" + h.type()); }\n"
      + "  @OnFrame(field = \"method\", value = \"subscription\")\n"
      + "  void otherSubscription(Any a) { calls.add(\"other \" + a.method()); }\n"
      + "  @OnFrame void text(String s) { calls.add(\"text\"); }\n"
      + "}\n";

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void eachMessageGoesToTheMostSpecificRouteItMatches(Compilers compiler) throws Exception {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(API));
    Loaded api = Loaded.from(c, "demo.Api", "demo.ApiConnectionHandler");

    String[] messages = {
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"ticker.BTC-PERPETUAL\",\"data\":"
            + "{\"instrument\":\"BTC-PERPETUAL\",\"last\":97000.5}}}",
        "{\"params\":{\"data\":{\"id\":\"t1\",\"price\":1},\"channel\":\"trades.BTC-PERPETUAL\"},"
            + "\"method\":\"subscription\"}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"trades.ETH-PERPETUAL\",\"data\":"
            + "{\"id\":\"t2\",\"price\":2}}}",
        "{\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"book.BTC\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":1}",
        "not json"};
    for (String m : messages) {
      api.adapter().onFrame(Frame.text(m), connection);
    }
    assertThat(api.calls()).containsExactly("ticker BTC-PERPETUAL 97000.5", "btc trade t1", "trade t2",
        "heartbeat test_request", "other subscription", "text", "text");
    String adapter = c.generatedSource("demo.ApiConnectionHandler");
    assertThat(adapter).contains("JsonCodec.path(text, \"params\", \"channel\")")
        .contains("JSON messages whose <code>method</code> is <code>\"subscription\"</code> and"
            + " <code>params.channel</code> starts with <code>\"ticker.\"</code> (its <code>params.data</code> decoded)");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aLongerPrefixOnTheSameFieldTakesPrecedenceWhateverTheSourceOrder(Compilers compiler) throws Exception {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Prefixes {\n"
        + "  public record M(String ch) {}\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnFrame(field = \"ch\", value = \"a.*\") void broad(M m) { calls.add(\"broad\"); }\n"
        + "  @OnFrame(field = \"ch\", value = \"a.b.*\") void narrow(M m) { calls.add(\"narrow\"); }\n"
        + "  @OnFrame(field = \"ch\", value = \"a.b.c\") void exact(M m) { calls.add(\"exact\"); }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source));
    Loaded loaded = Loaded.from(c, "demo.Prefixes", "demo.PrefixesConnectionHandler");
    for (String ch : new String[] {"a.x", "a.b.x", "a.b.c", "a.b.cd"}) {
      loaded.adapter().onFrame(Frame.text("{\"ch\":\"" + ch + "\"}"), connection);
    }
    assertThat(loaded.calls()).containsExactly("broad", "narrow", "exact", "narrow");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aMissingNestedPartIsAnUnhandledMessage(Compilers compiler) throws Exception {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "public class Nested {\n"
        + "  public record D(int x) {}\n"
        + "  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnFrame(field = \"type\", value = \"d\", decode = \"body.data\") void d(D d) { calls.add(\"\" + d.x()); }\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source));
    Loaded loaded = Loaded.from(c, "demo.Nested", "demo.NestedConnectionHandler");
    loaded.adapter().onFrame(Frame.text("{\"type\":\"d\",\"body\":{\"data\":{\"x\":3}}}"), connection);
    assertThat(loaded.calls()).containsExactly("3");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loaded.adapter().onFrame(Frame.text("{\"type\":\"d\",\"body\":{}}"), connection))
        .isInstanceOf(io.wsnova.runtime.UnhandledMessageException.class)
        .hasMessageContaining("has no body.data");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aHandlerClassNamesItsRequestFieldsAndConnectOptionsStillWin(Compilers compiler) throws Exception {
    String source = "package demo;\nimport io.wsnova.annotations.*;\n"
        + "@WebSocketClient(uri = \"ws://h/\", requestIdField = \"reqId\", resultField = \"data\")\n"
        + "public class Dialect {\n  public final java.util.List<String> calls = new java.util.ArrayList<>();\n"
        + "  @OnConnect void open() {}\n}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(source));
    Loaded loaded = Loaded.from(c, "demo.Dialect", "demo.DialectConnectionHandler");
    io.wsnova.runtime.RequestOptions fromClass = loaded.adapter().requestOptions(io.wsnova.runtime.Options.defaults());
    assertThat(fromClass.idField()).isEqualTo("reqId");
    assertThat(fromClass.resultField()).isEqualTo("data");
    assertThat(fromClass.errorField()).isEqualTo("error");
    io.wsnova.runtime.RequestOptions given = io.wsnova.runtime.RequestOptions.JSON_RPC.withIdField("n");
    assertThat(loaded.adapter().requestOptions(io.wsnova.runtime.Options.builder().requests(given).build()))
        .isEqualTo(given);
  }
}
