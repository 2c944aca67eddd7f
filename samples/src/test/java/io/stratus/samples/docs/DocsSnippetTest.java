package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code in {@code docs/} is code that compiles and runs: every Java block of a guide is introduced by {@code
 * <!-- snippet: Class#tag -->} and must equal (ignoring indentation and blank lines) the region between {@code //
 * tag::tag[]} and {@code // end::tag[]} of that test class in this package, which the build compiles and runs. Every
 * tutorial shows at least one such block, and every tagged region is shown somewhere.
 */
class DocsSnippetTest {
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\w+)#([\\w-]+) -->");
  private static final Pattern BLOCK = Pattern.compile(
      "<!-- snippet: (\\w+)#([\\w-]+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("// tag::([\\w-]+)\\[]");
  private static Path root;
  private static Path sources;

  @BeforeAll
  static void paths() {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    root = Paths.get(property).toAbsolutePath().normalize();
    sources = root.resolve("samples/src/test/java/io/stratus/samples/docs");
  }

  @Test
  void everyJavaBlockInTheDocs_isATestedSnippet() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path md : markdown()) {
      String text = read(md);
      long markers = MARKER.matcher(text).results().count();
      Matcher m = BLOCK.matcher(text);
      int blocks = 0;
      while (m.find()) {
        blocks++;
        String region = region(m.group(1), m.group(2));
        if (!normalized(m.group(3)).equals(normalized(region))) {
          problems.add(root.relativize(md) + ": block " + m.group(1) + "#" + m.group(2)
              + " differs from its source; copy the region again:\n" + region);
        }
      }
      if (blocks != markers) {
        problems.add(root.relativize(md) + ": a snippet marker not followed by a ```java block");
      }
      long javaBlocks = Pattern.compile("```java\\n").matcher(text).results().count();
      if (javaBlocks != blocks) {
        problems.add(root.relativize(md) + ": " + (javaBlocks - blocks) + " ```java block(s) without a snippet marker");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyTutorial_showsTestedCode_andEveryRegionIsShown() throws IOException {
    Set<String> shown = new TreeSet<>();
    for (Path md : markdown()) {
      Matcher m = MARKER.matcher(read(md));
      boolean any = false;
      while (m.find()) {
        shown.add(m.group(1) + "#" + m.group(2));
        any = true;
      }
      if (root.relativize(md).startsWith("docs/tutorials")) {
        assertThat(any).as(root.relativize(md) + " shows tested code").isTrue();
      }
    }
    Set<String> tagged = new TreeSet<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String cls = p.getFileName().toString().replace(".java", "");
        TAG.matcher(read(p)).results().forEach(r -> tagged.add(cls + "#" + r.group(1)));
      }
    }
    assertThat(shown).isEqualTo(tagged);
    assertThat(markdown()).extracting(p -> root.relativize(p).toString()).contains(
        "docs/tutorials/scheduling.md", "docs/tutorials/finops.md", "docs/tutorials/monitoring.md",
        "docs/tutorials/simulation.md", "docs/tutorials/reporting.md", "docs/tutorials/webhooks.md",
        "docs/tutorials/iac.md", "docs/tutorials/security.md", "docs/integration-guide.md");
  }

  private static List<Path> markdown() throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
    }
  }

  private static String region(String cls, String tag) {
    Path file = sources.resolve(cls + ".java");
    assertThat(file).as("snippet source %s", file).exists();
    String text = read(file);
    String begin = "// tag::" + tag + "[]";
    String end = "// end::" + tag + "[]";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertThat(from).as("%s has %s", cls, begin).isNotNegative();
    assertThat(to).as("%s has %s", cls, end).isGreaterThan(from);
    String body = text.substring(text.indexOf('\n', from) + 1, to);
    return body.substring(0, body.lastIndexOf('\n') + 1);
  }

  private static String normalized(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
