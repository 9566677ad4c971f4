package io.wsnova.processor;

import static io.wsnova.processor.RuntimeTypes.ADAPTER_SUPPORT;
import static io.wsnova.processor.RuntimeTypes.CALLBACK;
import static io.wsnova.processor.RuntimeTypes.CONNECTION;
import static io.wsnova.processor.RuntimeTypes.CONNECTION_HANDLER;
import static io.wsnova.processor.RuntimeTypes.CONNECTION_INFO;
import static io.wsnova.processor.RuntimeTypes.DISCONNECT_REASON;
import static io.wsnova.processor.RuntimeTypes.FRAME;
import static io.wsnova.processor.RuntimeTypes.FRAME_TYPE;
import static io.wsnova.processor.RuntimeTypes.JSON_CODEC;
import static io.wsnova.processor.RuntimeTypes.JSON_DECODER;
import static io.wsnova.processor.RuntimeTypes.JSON_TYPE;
import static io.wsnova.processor.RuntimeTypes.OPTIONS;
import static io.wsnova.processor.RuntimeTypes.RESULT;
import static io.wsnova.processor.RuntimeTypes.TIMEOUT;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.wsnova.processor.HandlerModel.CallbackMethod;
import io.wsnova.processor.HandlerModel.ClientDefaults;
import io.wsnova.processor.HandlerModel.FrameRoute;
import io.wsnova.processor.HandlerModel.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Writes the adapter of one valid handler class: a {@code ConnectionHandler} whose every method calls the
 * user's annotated method directly. The output depends only on the model, so it is the same on every
 * build and on every compiler.
 */
final class AdapterWriter {
  private static final String HANDLER = "handler";
  /** The simple name of every adapter's nested {@code AdapterProvider}. */
  static final String PROVIDER = "Provider";
  private static final TypeName BYTES = ArrayTypeName.of(TypeName.BYTE);
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");

  /** Up to this many JSON routes sit in one switch of onFrame; more are spread over methods by hash (64 KiB code limit). */
  static final int ROUTES_PER_METHOD = 128;
  static final ClassName GENERATED_ADAPTER = ClassName.get(RuntimeTypes.ANNOTATIONS, "GeneratedAdapter");

  private final HandlerModel model;
  private final boolean generatedAnnotationAvailable;
  private final AdapterJavadoc javadoc;
  private String digest;
  /** JSON types to the names of their decoder constants, in first-use order. */
  private final Map<String, String> decoders = new LinkedHashMap<>();
  private final Map<String, TypeMirror> decoderTypes = new LinkedHashMap<>();
  /** The methods that spread many JSON routes over several switches, when there are that many. */
  private final List<MethodSpec> routeMethods = new ArrayList<>();

  AdapterWriter(HandlerModel model, boolean generatedAnnotationAvailable, Types types) {
    this.model = model;
    this.generatedAnnotationAvailable = generatedAnnotationAvailable;
    this.javadoc = new AdapterJavadoc(types, model.adapterClass().packageName());
  }

  /**
   * The adapter's source, marked with {@code @GeneratedAdapter}: the handler's name and a digest of the
   * text, by which a later partial compile recognises it.
   */
  JavaFile write() {
    TypeSpec unmarked = adapter();
    digest = digest(file(unmarked).toString());
    return file(unmarked.toBuilder().addAnnotation(marker(model.userClass().canonicalName(), digest)).build());
  }

  /** The digest of the adapter {@link #write()} wrote last. */
  String digest() {
    return digest;
  }

  /**
   * A stand-in for the adapter of a handler with errors: it keeps the user's reference to the adapter
   * (e.g. {@code new FeedConnectionHandler(feed)}) from adding "cannot be resolved" to the real errors on
   * compilers that go on after a processor error (ECJ), and it can never run.
   */
  static JavaFile placeholder(TypeElement type, ClassName adapterName) {
    String handler = ClassName.get(type).canonicalName();
    TypeSpec stub = TypeSpec.classBuilder(adapterName)
        .addOriginatingElement(type)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(CONNECTION_HANDLER)
        .addAnnotation(marker(handler, ""))
        .addJavadoc("Not an adapter: {@code $L} has compile errors, so none was generated. Fix them, and the\n",
            AdapterJavadoc.text(handler))
        .addJavadoc("wsnova processor writes the real one here.\n")
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Always throws: the handler did not compile.\n")
            .addParameter(Object.class, HANDLER)
            .addStatement("throw new $T($S)", IllegalStateException.class,
                handler + " has compile errors; its adapter was not generated")
            .build())
        .build();
    return JavaFile.builder(adapterName.packageName(), stub).skipJavaLangImports(true).indent("  ").build();
  }

  private static AnnotationSpec marker(String handler, String digest) {
    return AnnotationSpec.builder(GENERATED_ADAPTER)
        .addMember("handler", "$S", handler)
        .addMember("digest", "$S", digest)
        .build();
  }

  private JavaFile file(TypeSpec type) {
    return JavaFile.builder(model.adapterClass().packageName(), type)
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** The first 16 hex digits of the text's SHA-256: enough to tell two versions of one adapter apart. */
  static String digest(String text) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format(Locale.ROOT, "%02x", hash[i]));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private TypeSpec adapter() {
    decoders.clear();
    decoderTypes.clear();
    routeMethods.clear();
    TypeSpec.Builder adapter = TypeSpec.classBuilder(model.adapterClass())
        .addOriginatingElement(model.type())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(CONNECTION_HANDLER)
        .addJavadoc("A {@link $T} that calls the annotated methods of {@link $T} directly.\n\n", CONNECTION_HANDLER,
            model.userClass())
        .addJavadoc("<p>Generated by the wsnova annotation processor from {@link $T}: do not edit it; change the\n",
            model.userClass())
        .addJavadoc("annotated class instead. Callbacks without an annotated method keep the defaults of {@link $T}.\n",
            CONNECTION_HANDLER);
    if (generatedAnnotationAvailable) {
      adapter.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", WsnovaProcessor.class.getCanonicalName())
          .build());
    }
    // Protocol strings (routes, URIs) are not text to translate: Eclipse's -warn:all would ask to externalize them.
    adapter.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "nls").build());
    adapter.addField(model.userClass(), HANDLER, Modifier.PRIVATE, Modifier.FINAL);
    adapter.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Wraps {@code handler}, whose state then lives as long as the connection, across reconnects.\n")
        .addParameter(model.userClass(), HANDLER)
        .addStatement("this.$N = $T.requireNonNull($N, $S)", HANDLER, Objects.class, HANDLER, HANDLER)
        .build());
    adapter.addMethod(MethodSpec.methodBuilder("handler")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The wrapped handler object.\n")
        .returns(model.userClass())
        .addStatement("return this.$N", HANDLER)
        .build());

    List<MethodSpec> methods = new ArrayList<>();
    CallbackMethod init = model.callbacks().get(CallbackKind.INIT);
    if (init != null) {
      methods.add(simple(init, TypeName.VOID, List.of(param(OPTIONS, "options"), param(CONNECTION, "connection"))));
    }
    MethodSpec info = connectionInfo();
    if (info != null) {
      methods.add(info);
    }
    if (model.defaults().isPresent() && model.defaults().get().setsRequestFields()) {
      ClientDefaults d = model.defaults().get();
      methods.add(MethodSpec.methodBuilder("requestOptions")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(RuntimeTypes.REQUEST_OPTIONS)
          .addParameter(OPTIONS, "options")
          .addJavadoc("The options' request settings if they have some, else JSON-RPC's with the fields of {@link $T}'s\n"
              + "{@code @WebSocketClient}.\n", model.userClass())
          .addStatement("return $T.requestOptions(options, $S, $S, $S)", ADAPTER_SUPPORT, d.requestIdField(),
              d.resultField(), d.errorField())
          .build());
    }
    if (model.defaults().isPresent() && model.defaults().get().permessageDeflate()) {
      methods.add(MethodSpec.methodBuilder("permessageDeflate")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(RuntimeTypes.DEFLATE_OPTIONS)
          .addParameter(OPTIONS, "options")
          .addJavadoc("The options' permessage-deflate offer if they make one, else the default offer:\n"
              + "{@code @WebSocketClient(permessageDeflate = true)} on {@link $T}.\n", model.userClass())
          .addStatement("return $T.permessageDeflate(options)", ADAPTER_SUPPORT)
          .build());
    }
    CallbackMethod connect = model.callbacks().get(CallbackKind.ON_CONNECT);
    if (connect != null) {
      methods.add(simple(connect, RESULT,
          List.of(param(CONNECTION_INFO, "info"), param(CONNECTION, "connection"))));
    }
    if (!model.frameMethods().isEmpty()) {
      methods.add(onFrame());
    }
    CallbackMethod prepare = model.callbacks().get(CallbackKind.PREPARE_FRAME);
    if (prepare != null) {
      methods.add(prepareFrame(prepare));
    }
    CallbackMethod ping = model.callbacks().get(CallbackKind.PING);
    if (ping != null) {
      methods.add(simple(ping, BYTES, List.of(param(CONNECTION, "connection"))));
    }
    CallbackMethod pong = model.callbacks().get(CallbackKind.ON_PONG);
    if (pong != null) {
      methods.add(simple(pong, TypeName.VOID,
          List.of(param(BYTES, "payload"), param(DURATION, "roundTrip"), param(CONNECTION, "connection"))));
    }
    CallbackMethod disconnect = model.callbacks().get(CallbackKind.ON_DISCONNECT);
    if (disconnect != null) {
      methods.add(simple(disconnect, RESULT,
          List.of(param(DISCONNECT_REASON, "reason"), param(CONNECTION, "connection"))));
    }
    CallbackMethod timeout = model.callbacks().get(CallbackKind.ON_TIMEOUT);
    if (timeout != null) {
      methods.add(simple(timeout, RESULT, List.of(param(TIMEOUT, "timeout"),
          param(CONNECTION_INFO, "info"), param(CONNECTION, "connection"))));
    }
    CallbackMethod status = model.callbacks().get(CallbackKind.STATUS);
    if (status != null) {
      methods.add(simple(status, ClassName.OBJECT, List.of(param(CONNECTION, "connection"))));
    }

    // Decoder constants are known only once the methods are written; fields go first in the file.
    decoders.forEach((key, constant) -> {
      TypeName type = TypeName.get(decoderTypes.get(key));
      CodeBlock initializer = type instanceof ParameterizedTypeName
          ? CodeBlock.of("$T.decoder(new $T<$T>() {\n$>// keeps the type arguments, which erasure would lose\n$<})",
              JSON_CODEC, JSON_TYPE, type)
          : CodeBlock.of("$T.decoder($T.class)", JSON_CODEC, type);
      adapter.addField(FieldSpec.builder(ParameterizedTypeName.get(JSON_DECODER, type), constant,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(initializer)
          .build());
    });
    adapter.addMethods(methods);
    adapter.addMethods(routeMethods);
    adapter.addType(provider());
    return adapter.build();
  }

  /**
   * The nested class registered for {@code ServiceLoader} (see {@link ServiceRegistry}): the runtime finds
   * and creates the adapter through it, without reflection.
   */
  private TypeSpec provider() {
    ClassName adapter = model.adapterClass();
    return TypeSpec.classBuilder(PROVIDER)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.ADAPTER_PROVIDER)
        .addJavadoc("Registers {@link $T} for {@link java.util.ServiceLoader}, through which the runtime finds it.\n",
            adapter)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
            .build())
        .addMethod(MethodSpec.methodBuilder("handlerType")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)))
            .addStatement("return $T.class", model.userClass())
            .build())
        .addMethod(MethodSpec.methodBuilder("adapt")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(CONNECTION_HANDLER)
            .addParameter(Object.class, HANDLER)
            .addStatement("return new $T(($T) $N)", adapter, model.userClass(), HANDLER)
            .build())
        .build();
  }

  /** A callback with exactly one user method, whose arguments and outcome need no routing. */
  private MethodSpec simple(CallbackMethod m, TypeName returns, List<NamedParam> available) {
    MethodSpec.Builder b = override(m.kind().adapterMethod, returns, available, m.declaresExceptions());
    b.addJavadoc("Calls {@link $L}.\n", javadoc.link(m));
    CodeBlock call = call(m, kind -> argument(m.kind(), kind));
    b.addCode(wrapThrowables(List.of(m), deliver(m, call)));
    return b.build();
  }

  private MethodSpec connectionInfo() {
    CallbackMethod m = model.callbacks().get(CallbackKind.CONNECTION_INFO);
    List<NamedParam> params = List.of(param(OPTIONS, "options"), param(CONNECTION, "connection"));
    if (m != null) {
      return simple(m, CONNECTION_INFO, params);
    }
    if (model.defaults().isEmpty()) {
      return null;
    }
    ClientDefaults d = model.defaults().get();
    CodeBlock protocols = d.subprotocols().stream().map(p -> CodeBlock.of("$S", p)).collect(CodeBlock.joining(", "));
    return override(CallbackKind.CONNECTION_INFO.adapterMethod, CONNECTION_INFO, params, false)
        .addJavadoc("The options' URI if they have one, else the defaults of {@link $T}'s {@code @WebSocketClient}.\n",
            model.userClass())
        .addStatement("return $T.defaults(options, $S, new String[] {$L}, $LL)", ADAPTER_SUPPORT, d.uri(), protocols,
            d.pingIntervalMillis())
        .build();
  }

  private MethodSpec onFrame() {
    boolean throwsChecked = model.frameMethods().stream().anyMatch(CallbackMethod::declaresExceptions);
    MethodSpec.Builder b = override(CallbackKind.ON_FRAME.adapterMethod, RESULT,
        List.of(param(FRAME, "frame"), param(CONNECTION, "connection")), throwsChecked);
    b.addJavadoc("Routes each whole text and binary message to one method:\n<ul>\n");
    for (CallbackMethod m : model.frameMethods()) {
      b.addJavadoc("  <li>$L: {@link $L}</li>\n", AdapterJavadoc.describe(m.route()), javadoc.link(m));
    }
    b.addJavadoc("</ul>\nPings are answered by the runtime; close frames reach {@code onDisconnect}.\n");
    CodeBlock.Builder c = CodeBlock.builder();

    CallbackMethod all = find(FrameRoute.Kind.ALL);
    if (all != null) {
      c.beginControlFlow("if (frame.type().isData())");
      c.add(deliver(all, call(all, kind -> argument(CallbackKind.ON_FRAME, kind))));
      c.endControlFlow();
      c.addStatement("return $T.ok()", RESULT);
      return b.addCode(wrapThrowables(model.frameMethods(), c.build())).build();
    }

    c.beginControlFlow("if (frame.type() == $T.TEXT)", FRAME_TYPE);
    c.addStatement("$T text = frame.text()", String.class);
    List<CallbackMethod> routed = model.frameMethods().stream()
        .filter(m -> m.route().kind() == FrameRoute.Kind.JSON_ROUTED)
        .collect(Collectors.toList());
    if (!routed.isEmpty() && isOneFieldSwitch(routed)) {
      c.addStatement("$T route = $T.field(text, $S)", String.class, JSON_CODEC, field(routed.get(0)));
      c.beginControlFlow("if (route != null)");
      if (routed.size() <= ROUTES_PER_METHOD) {
        c.add(routeSwitch(routed, CodeBlock.of("break")));
      } else {
        c.addStatement("$T routed = $N(route, text, connection)", RESULT, spreadRoutes(routed));
        c.beginControlFlow("if (routed != null)").addStatement("return routed").endControlFlow();
      }
      c.endControlFlow();
    } else if (!routed.isEmpty()) {
      c.add(routeChain(routed));
    }
    CallbackMethod textMethod = find(FrameRoute.Kind.JSON_ALL);
    if (textMethod == null) {
      textMethod = find(FrameRoute.Kind.TEXT);
    }
    if (textMethod != null) {
      CallbackMethod m = textMethod;
      c.add(deliver(m, call(m, kind -> frameArgument(m, kind))));
    } else {
      c.addStatement("throw $T.unhandled(text)", ADAPTER_SUPPORT);
    }
    c.endControlFlow();

    c.beginControlFlow("if (frame.type() == $T.BINARY)", FRAME_TYPE);
    CallbackMethod binary = find(FrameRoute.Kind.BINARY);
    if (binary != null) {
      c.addStatement("$T payload = frame.bytes()", BYTES);
      c.add(deliver(binary, call(binary, kind -> argument(CallbackKind.ON_FRAME, kind))));
    } else {
      c.addStatement("throw $T.unhandled(frame.bytes())", ADAPTER_SUPPORT);
    }
    c.endControlFlow();
    c.addStatement("return $T.ok()", RESULT);
    return b.addCode(wrapThrowables(model.frameMethods(), c.build())).build();
  }

  /** Whether every route is one exact value of the same top-level field: then one switch routes them all. */
  private static boolean isOneFieldSwitch(List<CallbackMethod> routed) {
    String first = routed.get(0).route().isSimple() ? field(routed.get(0)) : null;
    return first != null && routed.stream().allMatch(m -> m.route().isSimple() && field(m).equals(first));
  }

  private static String field(CallbackMethod m) {
    return m.route().conditions().get(0).path().get(0);
  }

  private static String value(CallbackMethod m) {
    return m.route().conditions().get(0).value();
  }

  /**
   * Routes with several conditions, nested paths or prefixes: each path read once (an allocation-free scan
   * that stops at the field), then the routes tried most specific first.
   */
  private CodeBlock routeChain(List<CallbackMethod> routed) {
    CodeBlock.Builder b = CodeBlock.builder();
    Map<List<String>, String> variables = new LinkedHashMap<>();
    for (CallbackMethod m : routed) {
      for (HandlerModel.Condition condition : m.route().conditions()) {
        variables.computeIfAbsent(condition.path(), path -> {
          String name = "at" + variables.size();
          CodeBlock segments = path.stream().map(seg -> CodeBlock.of("$S", seg)).collect(CodeBlock.joining(", "));
          b.addStatement("$T $L = $T.$L(text, $L)", String.class, name, JSON_CODEC,
              path.size() == 1 ? "field" : "path", segments);
          return name;
        });
      }
    }
    List<CallbackMethod> ordered = new ArrayList<>(routed);
    ordered.sort(FrameRoutes.PRECEDENCE);
    for (CallbackMethod m : ordered) {
      CodeBlock test = m.route().conditions().stream().map(condition -> {
        String variable = variables.get(condition.path());
        return condition.prefix()
            ? CodeBlock.of("$L != null && $L.startsWith($S)", variable, variable, condition.value())
            : CodeBlock.of("$S.equals($L)", condition.value(), variable);
      }).collect(CodeBlock.joining(" && "));
      b.beginControlFlow("if ($L)", test);
      b.add(deliver(m, call(m, kind -> frameArgument(m, kind))));
      b.endControlFlow();
    }
    return b.build();
  }

  /** An argument of an {@code @OnFrame} method: the JSON parameter decodes the route's nested part, if it names one. */
  private CodeBlock frameArgument(CallbackMethod m, Param param) {
    if (param.kind() == ParamKind.JSON && !m.route().decodePath().isEmpty()) {
      CodeBlock segments = m.route().decodePath().stream().map(seg -> CodeBlock.of("$S", seg))
          .collect(CodeBlock.joining(", "));
      return CodeBlock.of("$N.decodeAt(text, $L)", decoderFor(param.type()), segments);
    }
    return argument(CallbackKind.ON_FRAME, param);
  }

  /** {@code switch (route)} with a case per route; {@code otherwise} ends the default case. */
  private CodeBlock routeSwitch(List<CallbackMethod> routes, CodeBlock otherwise) {
    CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("switch (route)");
    for (CallbackMethod m : routes) {
      b.add("case $S:\n$>", value(m));
      b.add(deliver(m, call(m, kind -> frameArgument(m, kind))));
      b.add("$<");
    }
    b.add("default:\n$>").addStatement("$L", otherwise).add("$<");
    return b.endControlFlow().build();
  }

  /**
   * For thousands of routes: one method picks a bucket by the route's hash (String.hashCode is the same
   * on every JVM), and each bucket's method switches over its own routes. Returns the picking method;
   * each returns {@code null} when no route matches.
   */
  private MethodSpec spreadRoutes(List<CallbackMethod> routed) {
    int buckets = Integer.highestOneBit(routed.size() / (ROUTES_PER_METHOD / 2) - 1) << 1;
    List<List<CallbackMethod>> byBucket = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      byBucket.add(new ArrayList<>());
    }
    for (CallbackMethod m : routed) {
      byBucket.get(value(m).hashCode() & (buckets - 1)).add(m);
    }
    boolean throwsChecked = routed.stream().anyMatch(CallbackMethod::declaresExceptions);
    List<NamedParam> params = List.of(param(ClassName.get(String.class), "route"), param(ClassName.get(String.class),
        "text"), param(CONNECTION, "connection"));
    MethodSpec.Builder pick = routeMethod("route", params, throwsChecked)
        .addJavadoc("The result of the method whose route is {@code route}, or {@code null} if none has it.\n")
        .beginControlFlow("switch (route.hashCode() & $L)", buckets - 1);
    for (int i = 0; i < buckets; i++) {
      if (byBucket.get(i).isEmpty()) {
        continue;
      }
      String name = "route" + i;
      pick.addCode("case $L:\n$>", i).addStatement("return $N(route, text, connection)", name).addCode("$<");
      MethodSpec.Builder bucket = routeMethod(name, params, throwsChecked)
          .addJavadoc("The routes whose hash falls in bucket $L.\n", i);
      bucket.addCode(wrapThrowables(byBucket.get(i), routeSwitch(byBucket.get(i), CodeBlock.of("return null"))));
      routeMethods.add(bucket.build());
    }
    pick.addCode("default:\n$>").addStatement("return null").addCode("$<").endControlFlow();
    MethodSpec picker = pick.build();
    routeMethods.add(0, picker);
    return picker;
  }

  private static MethodSpec.Builder routeMethod(String name, List<NamedParam> params, boolean throwsChecked) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(RESULT);
    for (NamedParam p : params) {
      b.addParameter(p.type, p.name);
    }
    if (throwsChecked) {
      b.addException(Exception.class);
    }
    return b;
  }

  /**
   * {@code code}, inside a try that passes on a checked {@code Throwable} that is no {@code Exception}
   * (a user method may declare {@code throws Throwable}; a ConnectionHandler method throws Exception).
   */
  private static CodeBlock wrapThrowables(List<CallbackMethod> called, CodeBlock code) {
    if (called.stream().noneMatch(CallbackMethod::throwsBeyondException)) {
      return code;
    }
    return CodeBlock.builder()
        .beginControlFlow("try")
        .add(code)
        .nextControlFlow("catch ($T | $T e)", Exception.class, Error.class)
        .addStatement("throw e")
        .nextControlFlow("catch ($T t)", Throwable.class)
        .addStatement("throw new $T(t)", java.lang.reflect.UndeclaredThrowableException.class)
        .endControlFlow()
        .build();
  }

  private MethodSpec prepareFrame(CallbackMethod m) {
    MethodSpec.Builder b = override(CallbackKind.PREPARE_FRAME.adapterMethod, FRAME,
        List.of(param(FRAME, "frame"), param(CONNECTION, "connection")), m.declaresExceptions());
    b.addJavadoc("Calls {@link $L}", javadoc.link(m));
    if (m.takes(ParamKind.TEXT)) {
      b.addJavadoc(" for text frames; other frames are sent unchanged.\n");
      b.beginControlFlow("if (frame.type() != $T.TEXT)", FRAME_TYPE).addStatement("return frame").endControlFlow();
    } else if (m.takes(ParamKind.BYTES) || m.takes(ParamKind.BYTE_BUFFER)) {
      b.addJavadoc(" for binary frames; other frames are sent unchanged.\n");
      b.beginControlFlow("if (frame.type() != $T.BINARY)", FRAME_TYPE).addStatement("return frame").endControlFlow();
    } else {
      b.addJavadoc(".\n");
    }
    b.addCode(wrapThrowables(List.of(m), deliver(m, call(m, kind -> argument(CallbackKind.PREPARE_FRAME, kind)))));
    return b.build();
  }

  /** The statements that call the user method and turn what it returns into the contract's value. */
  private CodeBlock deliver(CallbackMethod m, CodeBlock call) {
    if (m.kind() == CallbackKind.STATUS) {
      return CodeBlock.builder().addStatement("return $L", call).build(); // any value, as it is
    }
    switch (m.returns()) {
      case VOID:
        if (m.kind() == CallbackKind.INIT || m.kind() == CallbackKind.ON_PONG) {
          return CodeBlock.builder().addStatement("$L", call).build();
        }
        return CodeBlock.builder().addStatement("$L", call).addStatement("return $T.ok()", RESULT).build();
      case RESULT:
        return CodeBlock.builder()
            .addStatement("return $T.$L.check($L)", CALLBACK, m.kind().runtimeConstant(), call)
            .build();
      case OK:
        if (m.kind() == CallbackKind.ON_PONG) {
          return CodeBlock.builder().addStatement("$L", call).build();
        }
        return CodeBlock.builder().addStatement("return $T.orOk($L)", ADAPTER_SUPPORT, call).build();
      case REPLY:
      case CLOSE:
      case STOP:
        return CodeBlock.builder().addStatement("return $T.orOk($L)", ADAPTER_SUPPORT, call).build();
      case TEXT:
        return CodeBlock.builder().addStatement("return $T.$L($L)", ADAPTER_SUPPORT, textConversion(m.kind()), call)
            .build();
      case BYTES:
        return CodeBlock.builder().addStatement("return $T.$L($L)", ADAPTER_SUPPORT, bytesConversion(m.kind()), call)
            .build();
      case BYTE_BUFFER:
        return CodeBlock.builder().addStatement("return $T.bytes($L)", ADAPTER_SUPPORT, call).build();
      case FRAME:
        return CodeBlock.builder().addStatement("return $T.orOriginal(frame, $L)", ADAPTER_SUPPORT, call).build();
      case URI:
        return CodeBlock.builder().addStatement("return $T.connectionInfo($L)", ADAPTER_SUPPORT, call).build();
      case COMPLETION_STAGE:
        return CodeBlock.builder().addStatement("return $T.readyWhen($L)", RESULT, call).build();
      case CONNECTION_INFO:
      case OTHER:
        return CodeBlock.builder().addStatement("return $L", call).build();
      default:
        throw new IllegalStateException("no delivery for " + m.returns());
    }
  }

  private static String textConversion(CallbackKind kind) {
    switch (kind) {
      case PREPARE_FRAME:
        return "withText";
      case PING:
        return "bytes";
      case CONNECTION_INFO:
        return "connectionInfo";
      default:
        return "replyText";
    }
  }

  private static String bytesConversion(CallbackKind kind) {
    switch (kind) {
      case PREPARE_FRAME:
        return "withBinary";
      case PING:
        return "bytes";
      default:
        return "replyBinary";
    }
  }

  private CodeBlock call(CallbackMethod m, java.util.function.Function<Param, CodeBlock> arguments) {
    CodeBlock args = m.params().stream().map(arguments).collect(CodeBlock.joining(", "));
    CodeBlock invocation = CodeBlock.of("this.$N.$L($L)", HANDLER, m.name(), args);
    if ((m.returns() == ReturnKind.TEXT || m.returns() == ReturnKind.BYTES) && m.kind() == CallbackKind.PREPARE_FRAME) {
      return CodeBlock.of("frame, $L", invocation);
    }
    return invocation;
  }

  /** The expression that supplies a parameter of {@code kind} inside the adapter method for {@code callback}. */
  private CodeBlock argument(CallbackKind callback, Param param) {
    switch (param.kind()) {
      case OPTIONS:
        return CodeBlock.of("options");
      case CONNECTION:
        return CodeBlock.of("connection");
      case CONNECTION_INFO:
        return CodeBlock.of("info");
      case FRAME:
        return CodeBlock.of("frame");
      case FRAME_TYPE:
        return CodeBlock.of("frame.type()");
      case DURATION:
        return CodeBlock.of("roundTrip");
      case TIMEOUT:
        return CodeBlock.of("timeout");
      case DISCONNECT_REASON:
        return CodeBlock.of(callback == CallbackKind.ON_TIMEOUT ? "timeout" : "reason");
      case TEXT:
        return CodeBlock.of(callback == CallbackKind.ON_FRAME ? "text" : "frame.text()");
      case BYTES:
        return bytes(callback);
      case BYTE_BUFFER:
        return CodeBlock.of("$T.buffer($L)", ADAPTER_SUPPORT, bytes(callback));
      case JSON:
        return CodeBlock.of("$N.decode(text)", decoderFor(param.type()));
      default:
        throw new IllegalStateException("no argument for " + param.kind());
    }
  }

  private static CodeBlock bytes(CallbackKind callback) {
    return CodeBlock.of(callback == CallbackKind.PREPARE_FRAME ? "frame.bytes()" : "payload");
  }

  private String decoderFor(TypeMirror type) {
    String key = TypeName.get(type).toString();
    return decoders.computeIfAbsent(key, k -> {
      decoderTypes.put(k, type);
      // Tick -> TICK_DECODER; Map<String, List<Tick>> -> MAP_OF_STRING_AND_LIST_OF_TICK_DECODER
      String spelled = Signatures.of(type).replace("[]", "_ARRAY").replace("<", "_OF_").replace(",", "_AND_")
          .replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9_]", "");
      String base = spelled.replaceAll("_+", "_").replaceAll("^_|_$", "").toUpperCase(Locale.ROOT) + "_DECODER";
      String name = base;
      for (int i = 2; decoders.containsValue(name); i++) {
        name = base + i;
      }
      return name;
    });
  }

  private CallbackMethod find(FrameRoute.Kind kind) {
    return model.frameMethods().stream().filter(m -> m.route().kind() == kind).findFirst().orElse(null);
  }

  private static MethodSpec.Builder override(String name, TypeName returns, List<NamedParam> params, boolean throwsChecked) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
    for (NamedParam p : params) {
      b.addParameter(p.type, p.name);
    }
    if (throwsChecked) {
      b.addException(Exception.class);
    }
    return b;
  }

  private record NamedParam(TypeName type, String name) {}

  private static NamedParam param(TypeName type, String name) {
    return new NamedParam(type, name);
  }
}
