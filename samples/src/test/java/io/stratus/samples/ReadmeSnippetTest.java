package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use Stratus in your project" shows what is compiled and run: its Java block is
 * {@link GettingStarted}'s body, and its Maven snippet is the host project under {@code src/it/host} that the build
 * compiles and runs against freshly built artifacts.
 */
class ReadmeSnippetTest {
  private static Path root;
  private static String section;

  @BeforeAll
  static void readReadme() throws IOException {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    root = Paths.get(property);
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Use Stratus in your project");
    assertThat(start).as("README section 'Use Stratus in your project'").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    section = readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String block(String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(m.find()).as("a ```%s block in the README section", language).isTrue();
    return m.group(1);
  }

  private static String normalized(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  @Test
  void javaBlock_isGettingStartedsBody() throws IOException {
    String source = Files.readString(
        root.resolve("samples/src/main/java/io/stratus/samples/GettingStarted.java"), StandardCharsets.UTF_8);
    String body = source.substring(source.indexOf("// README:start") + "// README:start".length(),
        source.indexOf("// README:end"));
    assertThat(normalized(block("java"))).isEqualTo(normalized(body));
  }

  @Test
  void mavenSnippet_isTheHostProjectsBuild_atThisVersion() throws IOException {
    String pom = Files.readString(root.resolve("samples/src/it/host/pom.xml"), StandardCharsets.UTF_8);
    String hostSnippet = pom.substring(pom.indexOf("<!-- README snippet: begin -->") + 30,
        pom.indexOf("<!-- README snippet: end -->"));
    String version = System.getProperty("stratus.version");
    assertThat(normalized(block("xml")))
        .isEqualTo(normalized(hostSnippet.replace("@project.version@", version)));
  }
}
