package io.stratus.security.crypto;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Where a {@link KeyRotationScheduler} keeps its {@link RotationProgress} checkpoint between runs and across crashes.
 * Implementations must be thread-safe, and {@link #save} must be durable when it returns.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RotationProgressStore {

  /**
   * The last saved progress.
   *
   * @return the progress, or empty if none was ever saved
   * @throws KeyProviderException if it cannot be read
   */
  Optional<RotationProgress> load();

  /**
   * Saves the progress, replacing the previous one.
   *
   * @param progress the progress; never null
   * @throws KeyProviderException if it cannot be saved
   */
  void save(RotationProgress progress);

  /**
   * A store in memory (lost on restart: a restarted pass visits every record again, which is safe but slower).
   *
   * @return a new, empty, thread-safe store; never null
   */
  static RotationProgressStore inMemory() {
    AtomicReference<RotationProgress> ref = new AtomicReference<>();
    return new RotationProgressStore() {
      @Override
      public Optional<RotationProgress> load() {
        return Optional.ofNullable(ref.get());
      }

      @Override
      public void save(RotationProgress progress) {
        ref.set(Objects.requireNonNull(progress, "progress"));
      }
    };
  }

  /**
   * A store in a properties file, written to a temporary file, forced to disk and moved into place atomically.
   *
   * @param file the checkpoint file; never null
   * @return the store; never null
   */
  static RotationProgressStore file(Path file) {
    return new FileProgressStore(Objects.requireNonNull(file, "file"));
  }
}
