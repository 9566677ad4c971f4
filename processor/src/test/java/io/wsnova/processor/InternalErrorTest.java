package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * No input known makes the processor throw; if one ever does, the user reads one line naming the class
 * and asking for a report, and gets the stack trace only by asking for it.
 */
class InternalErrorTest {

  @Test
  void isOneShortLineWithoutTheOption() {
    String text = WsnovaProcessor.internalErrorText("Feed", new IllegalStateException("boom"), false);
    assertThat(text).isEqualTo("internal error in the wsnova processor while processing Feed (IllegalStateException);"
        + " please report it to the wsnova maintainers with this class. Compile with -Awsnova.debug=true for the"
        + " stack trace");
    assertThat(text).doesNotContain("\n");
  }

  @Test
  void carriesTheStackTraceWithTheOption() {
    String text = WsnovaProcessor.internalErrorText("Feed", new IllegalStateException("boom"), true);
    assertThat(text).contains("java.lang.IllegalStateException: boom").contains("\tat io.wsnova.processor.");
  }
}
