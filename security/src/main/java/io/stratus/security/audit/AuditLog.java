package io.stratus.security.audit;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * An append-only, hash-chained, periodically signed audit log. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AuditLog extends AutoCloseable {

  /**
   * Appends an event; when this returns the entry is durable (fsynced for the file log).
   *
   * @param event the event; never null
   * @return the stored entry with its sequence and hash; never null
   * @throws AuditLogException if it could not be written
   */
  AuditEntry append(AuditEvent event);

  /**
   * Re-reads the whole log and checks every entry's canonical form, sequence, link, hash and every checkpoint's
   * signature.
   *
   * @return intact, or the first bad line and why; never null
   * @throws AuditLogException if the log cannot be read at all
   */
  AuditVerification verify();

  /**
   * Writes every entry as one JSON object per line (with {@code seq}, the event fields, {@code prev} and {@code
   * hash}, so a SIEM can re-verify the chain); checkpoints are left out.
   *
   * @param out where to write; never null
   * @return the number of entries written
   * @throws AuditLogException if the log cannot be read or {@code out} fails
   */
  long exportJsonLines(Appendable out);

  /**
   * Releases the file. Appending afterwards throws.
   *
   * @throws AuditLogException if closing fails
   */
  @Override
  void close();

  /**
   * Opens (creating if absent) a file-backed log. An existing file must verify; a torn last line (a crash during an
   * append that was never acknowledged) is cut off first.
   *
   * @param file the log file; never null
   * @param checkpointKey the HMAC-SHA256 key for checkpoints, at least 32 bytes; keep it outside the log; never null
   * @param checkpointEvery sign a checkpoint after every this many entries; positive
   * @return the open log; never null
   * @throws AuditLogException if the file cannot be opened or does not verify
   * @throws IllegalArgumentException if the key is shorter than 32 bytes or {@code checkpointEvery} is not positive
   */
  static AuditLog openFile(Path file, byte[] checkpointKey, int checkpointEvery) {
    return FileAuditLog.open(file, checkpointKey, checkpointEvery);
  }

  /**
   * Opens an existing file-backed log for reading only, e.g. for an auditor or a compliance report: nothing is ever
   * written to the file. Unlike {@link #openFile}, a torn last line is not cut off and a missing tail checkpoint is
   * not added: {@link #verify()} reports them (as it reports any other problem), and {@link #exportJsonLines} writes
   * the complete entries only. {@link #append} throws {@link AuditLogException}. The returned log is thread-safe;
   * every call re-reads the file, so it sees what a writer appended since.
   *
   * @param file the log file; must exist; never null
   * @param checkpointKey the HMAC-SHA256 key its checkpoints were signed with, at least 32 bytes; never null
   * @param checkpointEvery the checkpoint interval it was written with; positive
   * @return the read-only log; never null
   * @throws AuditLogException if the file does not exist or is not a regular file
   * @throws IllegalArgumentException if the key is shorter than 32 bytes or {@code checkpointEvery} is not positive
   */
  static AuditLog openFileReadOnly(Path file, byte[] checkpointKey, int checkpointEvery) {
    return FileAuditLog.openReadOnly(file, checkpointKey, checkpointEvery);
  }

  /**
   * Verifies a log file without opening it for appending, e.g. for an auditor holding the checkpoint key.
   *
   * @param file the log file; never null
   * @param checkpointKey the HMAC-SHA256 key its checkpoints were signed with; never null
   * @param checkpointEvery the checkpoint interval it was written with; positive
   * @return intact, or the first bad line and why; never null
   * @throws AuditLogException if the file cannot be read
   */
  static AuditVerification verifyFile(Path file, byte[] checkpointKey, int checkpointEvery) {
    return FileAuditLog.verifyFile(file, checkpointKey, checkpointEvery);
  }
}
