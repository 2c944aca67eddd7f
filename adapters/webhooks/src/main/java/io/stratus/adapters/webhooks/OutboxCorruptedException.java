package io.stratus.adapters.webhooks;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A journal holds a damaged record before its end (a checksum mismatch or an undecodable record followed by more
 * data), which a torn final write cannot explain. Nothing is truncated: the file is left as found for inspection.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OutboxCorruptedException extends OutboxException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  OutboxCorruptedException(Path file, long offset, String rule) {
    super(file, "corrupted record at offset " + offset + ": " + rule);
    this.offset = offset;
  }

  /**
   * The byte offset of the damaged record's frame in the file.
   *
   * @return the offset, from 0
   */
  public long offset() {
    return offset;
  }
}
