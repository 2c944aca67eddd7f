package io.stratus.security.crypto;

import io.stratus.security.spi.EnvelopeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A host's storage as the tests see it: one file {@code <id>.env} per record beside {@code <id>.aad}, replaced by
 * writing a temporary file, forcing it and moving it into place (atomic). {@code afterReplace} sees each replaced id.
 */
final class FileEnvelopeStore implements EnvelopeStore {
  private final Path dir;
  private final Consumer<String> afterReplace;

  FileEnvelopeStore(Path dir, Consumer<String> afterReplace) {
    this.dir = dir;
    this.afterReplace = afterReplace;
  }

  void put(String id, byte[] envelope, byte[] aad) {
    try {
      Files.write(dir.resolve(id + ".aad"), aad);
      Files.write(dir.resolve(id + ".env"), envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] envelope(String id) {
    try {
      return Files.readAllBytes(dir.resolve(id + ".env"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] aad(String id) {
    try {
      return Files.readAllBytes(dir.resolve(id + ".aad"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> ids() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".env"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String id() {
    return "files";
  }

  @Override
  public long count() {
    return ids().size();
  }

  @Override
  public List<StoredEnvelope> page(String afterRecordId, int limit) {
    List<StoredEnvelope> out = new ArrayList<>();
    for (String id : ids()) {
      if (id.compareTo(afterRecordId) > 0 && out.size() < limit) {
        out.add(new StoredEnvelope(id, envelope(id), aad(id)));
      }
    }
    return out;
  }

  @Override
  public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
    if (!Arrays.equals(envelope(recordId), expected)) {
      return false;
    }
    Path tmp = dir.resolve(recordId + ".tmp");
    try {
      Files.write(tmp, replacement);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(recordId + ".env"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    afterReplace.accept(recordId);
    return true;
  }
}
