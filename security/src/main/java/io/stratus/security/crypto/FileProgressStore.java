package io.stratus.security.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The properties-file checkpoint. Thread-safe: every operation holds the lock. */
final class FileProgressStore implements RotationProgressStore {
  private final Path file;

  FileProgressStore(Path file) {
    this.file = file;
  }

  @Override
  public synchronized Optional<RotationProgress> load() {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new KeyProviderException("cannot read rotation checkpoint " + file + ": " + e.getMessage(), e);
    }
    try {
      List<String> failures = new ArrayList<>();
      for (int i = 0; p.containsKey("failure." + i); i++) {
        failures.add(p.getProperty("failure." + i));
      }
      return Optional.of(new RotationProgress(required(p, "targetKeyId"), Instant.parse(required(p, "startedAt")),
          Long.parseLong(required(p, "total")), Long.parseLong(required(p, "scanned")),
          Long.parseLong(required(p, "reEncrypted")), Long.parseLong(required(p, "changedMeanwhile")),
          Long.parseLong(required(p, "failed")), failures, required(p, "cursor"),
          Boolean.parseBoolean(required(p, "complete"))));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new KeyProviderException("rotation checkpoint " + file + " is malformed: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new KeyProviderException("rotation checkpoint " + file + " is inconsistent: " + e.getMessage(), e);
    }
  }

  private String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new KeyProviderException("rotation checkpoint " + file + " lacks the field '" + key + "'", null);
    }
    return v;
  }

  @Override
  public synchronized void save(RotationProgress progress) {
    Properties p = new Properties();
    p.setProperty("targetKeyId", progress.targetKeyId());
    p.setProperty("startedAt", progress.startedAt().toString());
    p.setProperty("total", Long.toString(progress.total()));
    p.setProperty("scanned", Long.toString(progress.scanned()));
    p.setProperty("reEncrypted", Long.toString(progress.reEncrypted()));
    p.setProperty("changedMeanwhile", Long.toString(progress.changedMeanwhile()));
    p.setProperty("failed", Long.toString(progress.failed()));
    for (int i = 0; i < progress.failures().size(); i++) {
      p.setProperty("failure." + i, progress.failures().get(i));
    }
    p.setProperty("cursor", progress.cursor());
    p.setProperty("complete", Boolean.toString(progress.complete()));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "Stratus key rotation checkpoint; do not edit");
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeyProviderException("cannot save rotation checkpoint " + file + ": " + e.getMessage(), e);
    }
  }
}
