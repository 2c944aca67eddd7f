package io.stratus.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class AuditLogProperties {
  private static final int EVERY = 3;
  private static Path dir;
  private static byte[] pristine;

  @BeforeContainer
  static void writeLog() throws IOException {
    dir = Files.createTempDirectory("audit-props");
    Path file = FileAuditLogTest.write(dir.resolve("pristine.jsonl"), 10, EVERY);
    pristine = Files.readAllBytes(file);
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      files.forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    Files.delete(dir);
  }

  /** Any single bit flip anywhere in the file is detected, at the line holding the flipped byte or earlier. */
  @Property(tries = 1000)
  void anyBitFlip_isDetectedAtOrBeforeItsLine(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) throws IOException {
    byte[] bytes = pristine.clone();
    int at = position % bytes.length;
    bytes[at] ^= (byte) (1 << bit);
    long line = 1;
    for (int i = 0; i < at; i++) {
      if (pristine[i] == '\n') {
        line++;
      }
    }
    Path file = dir.resolve("flipped.jsonl");
    Files.write(file, bytes);
    AuditVerification v = AuditLog.verifyFile(file, FileAuditLogTest.KEY, EVERY);
    assertThat(v.intact()).as("flip of bit %d at byte %d", bit, at).isFalse();
    assertThat(v.firstBadLine().getAsLong()).as("%s for flip at byte %d (line %d)", v, at, line)
        .isLessThanOrEqualTo(line);
  }

  @Example
  void pristineCopy_isIntact() throws IOException {
    Path file = dir.resolve("copy.jsonl");
    Files.write(file, pristine);
    assertThat(AuditLog.verifyFile(file, FileAuditLogTest.KEY, EVERY).entriesVerified()).isEqualTo(10);
  }
}
