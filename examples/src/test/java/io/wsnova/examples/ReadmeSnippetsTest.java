package io.wsnova.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's code is the examples' code: every block marked {@code <!-- snippet: NAME -->} must equal
 * the region between {@code // README:start NAME} and {@code // README:end NAME} in a compiled source,
 * and every such region must appear in the README. So the README cannot drift from code that compiles.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"));

  @Test
  void everySnippetMatchesItsCompiledSource() throws IOException {
    Map<String, String> regions = regions();
    Map<String, String> snippets = snippets();

    assertThat(regions).as("regions in sources").isNotEmpty();
    assertThat(snippets.keySet()).as("the README shows every region").containsAll(regions.keySet());
    snippets.forEach((name, code) -> assertThat(code)
        .as("README snippet %s differs from its source region: copy the region between // README:start %s and"
            + " // README:end %s into README.md", name, name, name)
        .isEqualTo(regions.get(name)));
  }

  private static Map<String, String> snippets() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(README));
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  private static Map<String, String> regions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Pattern region = Pattern.compile("// README:start ([\\w-]+)\\n(.*?)// README:end \\1", Pattern.DOTALL);
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          if (f.endsWith("ReadmeSnippetsTest.java")) {
            continue; // its pattern text is not a region
          }
          Matcher m = region.matcher(Files.readString(f));
          while (m.find()) {
            out.put(m.group(1), m.group(2));
          }
        }
      }
    }
    return out;
  }
}
