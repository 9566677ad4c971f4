package io.wsnova.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, held by the build: the API names nothing of the engine (which it finds
 * through a ServiceLoader), generated code's helpers reach only the API, and the session layer sees the
 * connection through what it is given, not through the engine's classes.
 */
class LayeringTest {
  private static JavaClasses runtime;

  @BeforeAll
  static void importClasses() {
    runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.wsnova.runtime");
  }

  @Test
  void theApiNeverImportsTheEngine() {
    noClasses().that().resideInAPackage("io.wsnova.runtime")
        .should().dependOnClassesThat().resideInAPackage("io.wsnova.runtime.internal..")
        .because("users see the API only; the engine is found through NovaClientFactory")
        .check(runtime);
  }

  @Test
  void theAdapterHelpersUseOnlyTheApi() {
    noClasses().that().resideInAPackage("io.wsnova.runtime.adapter")
        .should().dependOnClassesThat().resideInAPackage("io.wsnova.runtime.internal..")
        .check(runtime);
  }

  @Test
  void theSessionLayerKnowsNothingOfNetty() {
    noClasses().that().resideInAPackage("io.wsnova.runtime.internal.session..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.wsnova.runtime.internal")
        .because("features over the connection are tested without sockets")
        .check(runtime);
  }

  @Test
  void onlyTheTransportAndWebSocketClassesUseNettysHttpCodec() {
    classes().that().resideInAPackage("io.wsnova.runtime.internal.session..")
        .should().onlyDependOnClassesThat().resideOutsideOfPackage("io.netty.handler.codec.http..")
        .check(runtime);
  }

  @Test
  void theEpollTransportShipsForBothLinuxArchitectures() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource("META-INF/native/libnetty_transport_native_epoll_x86_64.so")).isNotNull();
    assertThat(loader.getResource("META-INF/native/libnetty_transport_native_epoll_aarch_64.so")).isNotNull();
  }
}
