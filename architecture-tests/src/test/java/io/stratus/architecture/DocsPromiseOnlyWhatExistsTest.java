package io.stratus.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Javadoc does not promise components that do not exist: no cloud adapter module ({@code adapters/aws}, {@code gcp},
 * {@code azure}) is part of the build yet, so no library source may say that one implements an SPI. Remove this check
 * when the first of them joins the build ({@code adapters/iac} is not a cloud adapter).
 */
class DocsPromiseOnlyWhatExistsTest {
  private static final Pattern PROMISE = Pattern.compile("(?i)cloud\\s+adapter");
  private static final Pattern COMMENT_PREFIX = Pattern.compile("(?m)^\\s*\\*\\s?");

  @Test
  void librarySources_doNotMentionCloudAdapters() throws IOException {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    Path root = Paths.get(property).toAbsolutePath().normalize();
    for (String cloud : List.of("aws", "gcp", "azure")) {
      assertThat(Files.exists(root.resolve("adapters").resolve(cloud))).as("adapters/" + cloud + " exists: drop this"
          + " test").isFalse();
    }
    List<String> offending;
    try (Stream<Path> files = Files.walk(root, 12)) {
      offending = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !root.relativize(p).startsWith("benchmarks"))
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> PROMISE.matcher(COMMENT_PREFIX.matcher(read(p)).replaceAll(" ")).find())
          .map(p -> root.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
    assertThat(offending).as("sources that mention cloud adapters").isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
