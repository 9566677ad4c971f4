package io.wsnova.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types the generated code uses, by canonical name: the processor must not depend on the
 * runtime at run time (it runs inside the compiler, where the runtime is not on the processor path).
 */
final class RuntimeTypes {
  static final String PACKAGE = "io.wsnova.runtime";

  static final ClassName CONNECTION_HANDLER = ClassName.get(PACKAGE, "ConnectionHandler");
  static final ClassName CONNECTION = ClassName.get(PACKAGE, "Connection");
  static final ClassName CONNECTION_INFO = ClassName.get(PACKAGE, "ConnectionInfo");
  static final ClassName OPTIONS = ClassName.get(PACKAGE, "Options");
  static final ClassName FRAME = ClassName.get(PACKAGE, "Frame");
  static final ClassName FRAME_TYPE = ClassName.get(PACKAGE, "FrameType");
  static final ClassName RESULT = ClassName.get(PACKAGE, "Result");
  static final ClassName REQUEST_OPTIONS = ClassName.get(PACKAGE, "RequestOptions");
  static final ClassName DEFLATE_OPTIONS = ClassName.get(PACKAGE, "DeflateOptions");
  static final ClassName CALLBACK = ClassName.get(PACKAGE, "Callback");
  static final ClassName DISCONNECT_REASON = ClassName.get(PACKAGE, "DisconnectReason");
  static final ClassName TIMEOUT = DISCONNECT_REASON.nestedClass("Timeout");
  static final ClassName ADAPTER_SUPPORT = ClassName.get(PACKAGE + ".adapter", "AdapterSupport");
  static final ClassName ADAPTER_PROVIDER = ClassName.get(PACKAGE + ".adapter", "AdapterProvider");
  static final ClassName JSON_CODEC = ClassName.get(PACKAGE + ".adapter", "JsonCodec");
  static final ClassName JSON_DECODER = JSON_CODEC.nestedClass("Decoder");
  static final ClassName JSON_TYPE = JSON_CODEC.nestedClass("TypeOf");

  static final String ANNOTATIONS = "io.wsnova.annotations";
  static final String WEB_SOCKET_CLIENT = ANNOTATIONS + ".WebSocketClient";

  private RuntimeTypes() {}
}
