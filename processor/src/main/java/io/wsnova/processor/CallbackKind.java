package io.wsnova.processor;


import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The callback annotations and what methods carrying them may take and return: the compile-time half of
 * the contract whose run-time half is {@code io.wsnova.runtime.Callback}.
 */
enum CallbackKind {
  INIT("init", "OnInit", List.of(ParamKind.OPTIONS, ParamKind.CONNECTION), EnumSet.of(ReturnKind.VOID)),
  CONNECTION_INFO("connectionInfo", "ProvideConnectionInfo", List.of(ParamKind.OPTIONS, ParamKind.CONNECTION),
      EnumSet.of(ReturnKind.CONNECTION_INFO, ReturnKind.URI, ReturnKind.TEXT)),
  ON_CONNECT("onConnect", "OnConnect", List.of(ParamKind.CONNECTION, ParamKind.CONNECTION_INFO), Returns.CONNECT),
  ON_FRAME("onFrame", "OnFrame", List.of(ParamKind.TEXT, ParamKind.BYTES, ParamKind.BYTE_BUFFER, ParamKind.JSON, ParamKind.FRAME_TYPE, ParamKind.CONNECTION), Returns.FLOW),
  PREPARE_FRAME("prepareFrame", "PrepareFrame", List.of(ParamKind.FRAME, ParamKind.TEXT, ParamKind.BYTES, ParamKind.BYTE_BUFFER, ParamKind.FRAME_TYPE, ParamKind.CONNECTION),
      EnumSet.of(ReturnKind.FRAME, ReturnKind.TEXT, ReturnKind.BYTES)),
  PING("pingPayload", "PingPayload", List.of(ParamKind.CONNECTION), EnumSet.of(ReturnKind.BYTES, ReturnKind.BYTE_BUFFER, ReturnKind.TEXT)),
  ON_PONG("onPong", "OnPong", List.of(ParamKind.BYTES, ParamKind.BYTE_BUFFER, ParamKind.DURATION, ParamKind.CONNECTION), EnumSet.of(ReturnKind.VOID, ReturnKind.OK)),
  ON_DISCONNECT("onDisconnect", "OnDisconnect", List.of(ParamKind.DISCONNECT_REASON, ParamKind.CONNECTION), Returns.END),
  ON_TIMEOUT("onTimeout", "OnTimeout", List.of(ParamKind.TIMEOUT, ParamKind.DISCONNECT_REASON, ParamKind.CONNECTION_INFO, ParamKind.CONNECTION), Returns.END),
  STATUS("status", "ReportStatus", List.of(ParamKind.CONNECTION), EnumSet.complementOf(EnumSet.of(ReturnKind.VOID, ReturnKind.RECONNECT)));

  /** Return sets shared by several callbacks. */
  private static final class Returns {
    static final Set<ReturnKind> FLOW = EnumSet.of(ReturnKind.VOID, ReturnKind.RESULT, ReturnKind.OK,
        ReturnKind.REPLY, ReturnKind.CLOSE, ReturnKind.STOP, ReturnKind.TEXT, ReturnKind.BYTES);
    static final Set<ReturnKind> CONNECT = EnumSet.of(ReturnKind.VOID, ReturnKind.RESULT, ReturnKind.OK,
        ReturnKind.REPLY, ReturnKind.CLOSE, ReturnKind.STOP, ReturnKind.TEXT, ReturnKind.BYTES, ReturnKind.COMPLETION_STAGE);
    static final Set<ReturnKind> END = EnumSet.of(ReturnKind.VOID, ReturnKind.RESULT, ReturnKind.OK, ReturnKind.STOP);
  }

  /** The {@code io.wsnova.runtime.ConnectionHandler} method the adapter implements for this callback. */
  final String adapterMethod;
  final String simpleName;
  final List<ParamKind> params;
  final Set<ReturnKind> returns;

  CallbackKind(String adapterMethod, String simpleName, List<ParamKind> params, Set<ReturnKind> returns) {
    this.adapterMethod = adapterMethod;
    this.simpleName = simpleName;
    this.params = params;
    this.returns = returns;
  }

  String annotationName() {
    return RuntimeTypes.ANNOTATIONS + "." + simpleName;
  }

  /** {@code @OnFrame}: the only callback that several methods of one class may share. */
  boolean allowsSeveralMethods() {
    return this == ON_FRAME;
  }

  /** The run-time constant of io.wsnova.runtime.Callback for this callback. */
  String runtimeConstant() {
    return name();
  }

  String describeParams() {
    return params.stream().map(p -> p.description).collect(Collectors.joining(", "));
  }

  String describeReturns() {
    if (this == STATUS) {
      return "any type but void";
    }
    return EnumSet.copyOf(returns).stream().map(r -> r.spelling).collect(Collectors.joining(", "));
  }

  static CallbackKind forAnnotation(String qualifiedName) {
    for (CallbackKind k : values()) {
      if (k.annotationName().equals(qualifiedName)) {
        return k;
      }
    }
    return null;
  }
}
