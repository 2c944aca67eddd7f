package io.stratus.security.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The host's storage of envelopes (made by {@code io.stratus.security.crypto.EnvelopeCipher}) as the background
 * re-encryption after a key rotation sees it: records are visited in ascending order of their id, a page at a time,
 * and each is replaced with a compare-and-set. Implementations must be thread-safe, and {@link #replace} must be
 * atomic and durable when it returns (one row update in a transaction, a file moved into place), so that a crash
 * leaves every record either wholly old or wholly new.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EnvelopeStore {

  /**
   * A unique id for this store, e.g. {@code budgets-table}; used in audit entries.
   *
   * @return the id; never null
   */
  String id();

  /**
   * How many records hold an envelope now (for progress; may change while a re-encryption runs).
   *
   * @return the count, not negative
   */
  long count();

  /**
   * The next records after a record id, in ascending {@link String#compareTo} order of their ids.
   *
   * @param afterRecordId return only records whose id is greater than this; {@code ""} for the first page; never
   *     null
   * @param limit the most records to return; positive
   * @return at most {@code limit} records, in ascending id order; empty when none is left; never null
   */
  List<StoredEnvelope> page(String afterRecordId, int limit);

  /**
   * Replaces a record's envelope if it still equals {@code expected}.
   *
   * @param recordId the record; never null
   * @param expected the envelope read by {@link #page}; never null
   * @param replacement the new envelope; never null
   * @return true if it was replaced (and is durable), false if the record changed or vanished meanwhile
   */
  boolean replace(String recordId, byte[] expected, byte[] replacement);

  /**
   * One stored envelope with the associated data it was encrypted with. Immutable; the arrays are copied.
   *
   * @param recordId the record's id, unique in its store; never null
   * @param envelope the envelope; never null
   * @param associatedData the context the envelope is bound to; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record StoredEnvelope(String recordId, byte[] envelope, byte[] associatedData) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     */
    public StoredEnvelope {
      Objects.requireNonNull(recordId, "recordId");
      envelope = envelope.clone();
      associatedData = associatedData.clone();
    }

    /** @return a copy of the envelope; never null */
    @Override
    public byte[] envelope() {
      return envelope.clone();
    }

    /** @return a copy of the associated data; never null */
    @Override
    public byte[] associatedData() {
      return associatedData.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StoredEnvelope s && recordId.equals(s.recordId) && Arrays.equals(envelope, s.envelope)
          && Arrays.equals(associatedData, s.associatedData);
    }

    @Override
    public int hashCode() {
      return recordId.hashCode() * 31 + Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
      return "StoredEnvelope[" + recordId + ", " + envelope.length + " bytes]";
    }
  }
}
