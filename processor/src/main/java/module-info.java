/**
 * The wsnova annotation processor, for {@code --processor-module-path}; on the processor path it is found
 * through {@code META-INF/services} as usual. It names the runtime's types by name and needs none of them.
 */
@SuppressWarnings("requires-automatic") // JavaPoet has no descriptor of its own, only Automatic-Module-Name
module io.wsnova.processor {
  requires java.compiler;
  requires jdk.compiler; // the Trees API, to find annotated local classes on javac
  requires com.palantir.javapoet;
  requires static com.google.auto.service;

  provides javax.annotation.processing.Processor with io.wsnova.processor.WsnovaProcessor;
}
