package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsnova.runtime.Callback;
import io.wsnova.runtime.ConnectionHandler;
import io.wsnova.runtime.Result;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The callback contract has a compile-time half ({@link CallbackKind}, {@link ReturnKind}) and a
 * run-time half ({@link Callback}, {@link ConnectionHandler}); the processor cannot depend on the runtime,
 * so this test holds the two together.
 */
class ContractAgreementTest {
  private static final Map<ReturnKind, Class<? extends Result>> RECORDS = Map.of(
      ReturnKind.OK, Result.Ok.class, ReturnKind.REPLY, Result.Reply.class,
      ReturnKind.CLOSE, Result.Close.class, ReturnKind.STOP, Result.Stop.class,
      ReturnKind.COMPLETION_STAGE, Result.Pending.class);

  @Test
  void everyCallbackKindIsARuntimeCallbackAndBack() {
    Set<String> runtime = Arrays.stream(Callback.values()).map(Enum::name).collect(Collectors.toSet());
    Set<String> processor = Arrays.stream(CallbackKind.values()).map(CallbackKind::runtimeConstant)
        .collect(Collectors.toSet());
    assertThat(processor).isEqualTo(runtime);
  }

  @Test
  void theAdapterImplementsTheConnectionHandlerMethodOfEachKind() {
    Set<String> handlerMethods = Arrays.stream(ConnectionHandler.class.getMethods()).map(Method::getName)
        .collect(Collectors.toCollection(java.util.HashSet::new));
    for (CallbackKind kind : CallbackKind.values()) {
      assertThat(handlerMethods).as("ConnectionHandler has %s for %s", kind.adapterMethod, kind)
          .contains(kind.adapterMethod);
    }
    // requestOptions and permessageDeflate are configuration the adapter may override, asked once; no callbacks.
    handlerMethods.remove("requestOptions");
    handlerMethods.remove("permessageDeflate");
    assertThat(Arrays.stream(CallbackKind.values()).map(k -> k.adapterMethod).collect(Collectors.toSet()))
        .as("every ConnectionHandler method has its callback").containsExactlyInAnyOrderElementsOf(handlerMethods);
  }

  /** The status callback is left out: its value is shown in the status, never applied as an outcome. */
  @Test
  void theResultRecordsACallbackMayReturnAgree() {
    for (CallbackKind kind : EnumSet.complementOf(EnumSet.of(CallbackKind.STATUS))) {
      Set<Class<? extends Result>> compileTime = kind.returns.stream().filter(RECORDS::containsKey)
          .map(RECORDS::get).collect(Collectors.toSet());
      assertThat(compileTime).as("%s", kind).isEqualTo(Callback.valueOf(kind.runtimeConstant()).outcomes());
    }
  }
}
