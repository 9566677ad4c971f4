package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ContractViolationException;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.Options;
import io.wsnova.runtime.Result;
import io.wsnova.runtime.UnhandledMessageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compiles handler classes, loads their generated adapters and drives every callback: the user's method
 * runs with the right arguments, and its outcome comes back in the contract's terms.
 */
class AdapterBehaviourTest {
  private final Connection connection = new FakeConnection();

  /** The adapter around a new instance of {@code userClass}, compiled by {@code compiler}. */
  private static Object[] load(Compilers compiler, String resource, String userClass) throws Exception {
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(GoldenAdapterTest.resource(resource)));
    assertThat(c.errors()).isEmpty();
    ClassLoader loader = c.classLoader();
    Class<?> user = loader.loadClass(userClass);
    Object instance = user.getDeclaredConstructor().newInstance();
    Class<?> adapterClass = loader.loadClass(userClass + "ConnectionHandler");
    ConnectionHandler adapter = (ConnectionHandler) adapterClass.getConstructor(user).newInstance(instance);
    return new Object[] {instance, adapter};
  }

  @SuppressWarnings("unchecked")
  private static List<String> calls(Object recorder) throws Exception {
    return (List<String>) recorder.getClass().getField("calls").get(recorder);
  }

  private static void setNext(Object recorder, Result next) throws Exception {
    recorder.getClass().getField("next").set(recorder, next);
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void everyCallbackReachesItsMethod(Compilers compiler) throws Exception {
    Object[] loaded = load(compiler, "behaviour/Recorder.java", "com.example.Recorder");
    Object recorder = loaded[0];
    ConnectionHandler adapter = (ConnectionHandler) loaded[1];
    Options options = Options.builder().maxMessageSize(4096).build();

    adapter.init(options, connection);
    ConnectionInfo info = adapter.connectionInfo(options, connection);
    Result connected = adapter.onConnect(info, connection);
    Result tick = adapter.onFrame(Frame.text("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"price\":1.5,\"extra\":[1]}"),
        connection);
    Result text = adapter.onFrame(Frame.text("plain"), connection);
    Result otherJson = adapter.onFrame(Frame.text("{\"type\":\"news\"}"), connection);
    Frame prepared = adapter.prepareFrame(Frame.text("out"), connection);
    Frame binaryPrepared = adapter.prepareFrame(Frame.binary(new byte[] {9}), connection);
    byte[] ping = adapter.pingPayload(connection);
    adapter.onPong(new byte[] {1, 2}, Duration.ofMillis(7), connection);
    Result gone = adapter.onDisconnect(new DisconnectReason.Closed(1000, "bye"), connection);
    Result timeout = adapter.onTimeout(
        new DisconnectReason.Timeout(DisconnectReason.Timeout.Phase.UPGRADE, Duration.ofSeconds(1)), info, connection);
    Object status = adapter.status(connection);

    assertThat(info.host()).isEqualTo("localhost");
    assertThat(info.port()).isEqualTo(1234);
    assertThat(info.path()).isEqualTo("/feed?x=1");
    assertThat(connected).isEqualTo(Result.reply("hello"));
    assertThat(tick).isEqualTo(Result.ok());
    assertThat(text).isEqualTo(Result.reply("plain".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(otherJson).as("JSON that matches no route goes to the text method")
        .isEqualTo(Result.reply("{\"type\":\"news\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(prepared).isEqualTo(Frame.text("prepared:out"));
    assertThat(binaryPrepared).as("null from prepare frame sends the frame unchanged")
        .isEqualTo(Frame.binary(new byte[] {9}));
    assertThat(ping).containsExactly(1, 2);
    assertThat(gone).isEqualTo(Result.ok());
    assertThat(timeout).isEqualTo(Result.stop("too slow: UPGRADE"));
    assertThat(status).isEqualTo("calls=7");
    assertThat(calls(recorder)).containsExactly(
        "init 4096",
        "connect 1234 true",
        "tick EURUSD 1.5 TEXT",
        "text plain",
        "text {\"type\":\"news\"}",
        "pong 2 PT0.007S",
        "gone Closed[code=1000, reason=bye]");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void aReconnectFromABroadlyTypedMethodIsRefusedAtRunTime(Compilers compiler) throws Exception {
    Object[] loaded = load(compiler, "behaviour/Recorder.java", "com.example.Recorder");
    ConnectionHandler adapter = (ConnectionHandler) loaded[1];
    setNext(loaded[0], Result.reconnect(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> adapter.onFrame(Frame.text("{\"type\":\"tick\",\"symbol\":\"X\",\"price\":1}"), connection))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("must not return a reconnect result")
        .hasMessageContaining("decided by the ErrorHandler");
    assertThatThrownBy(() -> adapter.onDisconnect(new DisconnectReason.Closed(1001, ""), connection))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("on disconnect");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void anOutcomeTheCallbackMayNotGiveIsRefused(Compilers compiler) throws Exception {
    Object[] loaded = load(compiler, "behaviour/Recorder.java", "com.example.Recorder");
    ConnectionHandler adapter = (ConnectionHandler) loaded[1];
    setNext(loaded[0], Result.reply("not from on disconnect"));

    assertThatThrownBy(() -> adapter.onDisconnect(new DisconnectReason.Closed(1000, ""), connection))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("It may return: Result.Ok, Result.Stop");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void jsonThatDoesNotDecodeIsReportedNotDropped(Compilers compiler) throws Exception {
    Object[] loaded = load(compiler, "behaviour/Recorder.java", "com.example.Recorder");
    ConnectionHandler adapter = (ConnectionHandler) loaded[1];

    assertThatThrownBy(() -> adapter.onFrame(Frame.text("{\"type\":\"tick\",\"price\":\"cheap\"}"), connection))
        .isInstanceOf(UnhandledMessageException.class)
        .hasMessageContaining("does not decode into com.example.Recorder$Tick");
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void routesByDiscriminatorAndReportsWhatNoMethodTakes(Compilers compiler) throws Exception {
    Object[] loaded = load(compiler, "behaviour/Routes.java", "com.example.Routes");
    Object routes = loaded[0];
    ConnectionHandler adapter = (ConnectionHandler) loaded[1];
    java.lang.reflect.Field last = routes.getClass().getField("last");

    adapter.onFrame(Frame.text("{\"data\":{\"nested\":{\"op\":\"x\"}},\"op\":\"tick\",\"symbol\":\"ABC\"}"), connection);
    assertThat(last.get(routes)).isEqualTo("tick ABC");
    adapter.onFrame(Frame.text("{\"op\":2,\"id\":42}"), connection);
    assertThat(last.get(routes)).as("a numeric discriminator matches its spelling").isEqualTo("ack 42");
    adapter.onFrame(Frame.binary(new byte[3]), connection);
    assertThat(last.get(routes)).isEqualTo("binary 3");

    assertThatThrownBy(() -> adapter.onFrame(Frame.text("{\"op\":\"unknown\"}"), connection))
        .isInstanceOf(UnhandledMessageException.class)
        .hasMessageContaining("no @OnFrame method takes this text message");
    assertThatThrownBy(() -> adapter.onFrame(Frame.text("not json"), connection))
        .isInstanceOf(UnhandledMessageException.class);
    assertThat(adapter.prepareFrame(Frame.binary(new byte[5]), connection)).isEqualTo(Frame.binary(new byte[] {5}));
    assertThat(adapter.prepareFrame(Frame.text("t"), connection)).as("a binary prepare method leaves text alone")
        .isEqualTo(Frame.text("t"));
  }
}
