package io.wsnova.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler whose message type another processor generates: wsnova must wait for the type (defer the
 * class to the next round) rather than report it missing, then generate as usual.
 */
class DeferralTest {

  /** Generates {@code com.example.gen.Quote} in its first round, as a code generator for API types would. */
  static final class QuoteGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.example.gen.Quote").openWriter()) {
          w.write("package com.example.gen;\npublic record Quote(String symbol, double bid) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(Compilers.class)
  void waitsForATypeThatAnotherProcessorGenerates(Compilers compiler) {
    String handler = "package com.example;\n"
        + "import io.wsnova.annotations.*;\n"
        + "public class Quotes {\n"
        + "  @OnFrame(field = \"type\", value = \"quote\") void quote(com.example.gen.Quote quote) {}\n"
        + "}\n";
    DiskCompilation c = DiskCompilation.compile(compiler, List.of(handler), new QuoteGenerator());

    assertThat(c.errors()).isEmpty();
    assertThat(c.generatedSource("com.example.QuotesConnectionHandler"))
        .contains("JsonCodec.decoder(Quote.class)")
        .contains("handler.quote(QUOTE_DECODER.decode(text))");
  }
}
