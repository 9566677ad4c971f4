package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Gradle runs the processor incrementally only if it declares its kind. Aggregating, not isolating: the
 * {@code ServiceLoader} file it writes lists every handler, so it has more than one originating element.
 */
class IncrementalDeclarationTest {

  @Test
  void declaresItselfAggregatingForGradle() throws IOException {
    assertThat(GoldenAdapterTest.resource("META-INF/gradle/incremental.annotation.processors").trim().split("\n"))
        .containsExactly(WsnovaProcessor.class.getName() + ",aggregating");
  }

  @Test
  void isRegisteredAsAProcessorService() throws IOException {
    assertThat(GoldenAdapterTest.resource("META-INF/services/javax.annotation.processing.Processor"))
        .contains(WsnovaProcessor.class.getName());
  }
}
