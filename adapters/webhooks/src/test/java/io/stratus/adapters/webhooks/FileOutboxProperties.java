package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Cutting the journal at any byte recovers exactly the events whose records were complete before the cut. */
class FileOutboxProperties {

  @Property(tries = 60)
  void crashAtAnyByte_recoversAPrefixOfTheAcknowledgedEvents(@ForAll @IntRange(min = 1, max = 12) int events,
      @ForAll @IntRange(min = 0, max = 1000) int cutPermille) throws IOException {
    Path dir = Files.createTempDirectory("outbox-prop");
    Path journal = dir.resolve("j");
    List<Long> ends = new ArrayList<>();
    try (FileOutbox box = FileOutbox.open(journal)) {
      for (int i = 0; i < events; i++) {
        box.enqueue(List.of(FileOutboxTest.entry("e" + i)));
        ends.add(box.size());
      }
    }
    long size = Files.size(journal);
    long cut = size * cutPermille / 1000;
    try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
      ch.truncate(cut);
    }
    try (FileOutbox box = FileOutbox.open(journal)) {
      for (int i = 0; i < events; i++) {
        assertThat(box.entries("e" + i)).as("e%d ending at %d, cut at %d", i, ends.get(i), cut)
            .hasSize(ends.get(i) <= cut ? 1 : 0);
      }
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      Files.delete(dir);
    }
  }
}
