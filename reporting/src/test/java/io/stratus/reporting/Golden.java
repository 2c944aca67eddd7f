package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden: compared byte for byte; refreshed only with
 * {@code -Dstratus.golden.update=true} (review the diff before committing).
 */
final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  static void check(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("stratus.golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s (refresh with -Dstratus.golden.update=true)", file).exists();
      assertThat(actual).as("output against golden file %s", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
