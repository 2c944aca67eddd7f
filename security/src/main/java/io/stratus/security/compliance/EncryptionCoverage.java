package io.stratus.security.compliance;

import io.stratus.security.crypto.DecryptionException;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.spi.EnvelopeStore;
import io.stratus.security.spi.EnvelopeStore.StoredEnvelope;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How many records of one data set are stored encrypted, out of how many. Immutable value.
 *
 * @param dataSet the data set, e.g. {@code budgets}; not blank
 * @param encrypted records stored as envelopes; not negative
 * @param total all records of the data set; at least {@code encrypted}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EncryptionCoverage(String dataSet, long encrypted, long total) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the data set is blank or the counts are inconsistent
   */
  public EncryptionCoverage {
    if (Objects.requireNonNull(dataSet, "dataSet").isBlank()) {
      throw new IllegalArgumentException("encryption coverage dataSet must not be blank");
    }
    if (encrypted < 0 || total < encrypted) {
      throw new IllegalArgumentException("encryption coverage of '" + dataSet + "': encrypted " + encrypted
          + " must be between 0 and total " + total);
    }
  }

  /**
   * Counts the records of an envelope store whose value carries an envelope header, against the host's count of all
   * records of the data set (those stored elsewhere in clear included).
   *
   * @param dataSet the data set's name; not blank
   * @param store the host's stored envelopes; never null
   * @param total all records of the data set, as the host counts them
   * @return the coverage; never null
   * @throws IllegalArgumentException if the store holds more envelopes than {@code total}
   */
  public static EncryptionCoverage scan(String dataSet, EnvelopeStore store, long total) {
    long encrypted = 0;
    String cursor = "";
    for (List<StoredEnvelope> page = store.page(cursor, 1000); !page.isEmpty(); page = store.page(cursor, 1000)) {
      for (StoredEnvelope e : page) {
        try {
          EnvelopeCipher.keyIdOf(e.envelope());
          encrypted++;
        } catch (DecryptionException notAnEnvelope) {
          // stored in clear (or damaged): not counted as encrypted
        }
        cursor = e.recordId();
      }
    }
    return new EncryptionCoverage(dataSet, encrypted, total);
  }

  /** @return {@code encrypted / total}, 1 for an empty data set */
  public double ratio() {
    return total == 0 ? 1 : encrypted / (double) total;
  }
}
