package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Gradle runs the processor incrementally only if the processor says it is isolating. */
class IncrementalDeclarationTest {

  @Test
  void declaresItselfIsolatingForGradle() throws IOException {
    assertThat(GoldenAdapterTest.resource("META-INF/gradle/incremental.annotation.processors").trim().split("\n"))
        .containsExactly(WsnovaProcessor.class.getName() + ",isolating");
  }

  @Test
  void isRegisteredAsAProcessorService() throws IOException {
    assertThat(GoldenAdapterTest.resource("META-INF/services/javax.annotation.processing.Processor"))
        .contains(WsnovaProcessor.class.getName());
  }
}
