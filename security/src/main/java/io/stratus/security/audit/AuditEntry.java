package io.stratus.security.audit;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An event as stored in the chain: its sequence number (from 1), the previous entry's hash and its own hash, both as
 * lower-case hex SHA-256. Immutable value.
 *
 * @param sequence the position in the log, from 1
 * @param event the event; never null
 * @param previousHash the previous entry's hash, or 64 zeros for the first; never null
 * @param hash SHA-256 of the previous hash's bytes followed by this entry's canonical JSON; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditEntry(long sequence, AuditEvent event, String previousHash, String hash) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the sequence is not positive
   */
  public AuditEntry {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence " + sequence + " must be at least 1");
    }
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
