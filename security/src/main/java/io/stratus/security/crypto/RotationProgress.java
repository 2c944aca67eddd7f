package io.stratus.security.crypto;

import com.google.common.base.Ascii;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a re-encryption pass to one key version stands: the pass visits every record of an
 * {@link io.stratus.security.spi.EnvelopeStore} in id order, and this is its checkpoint (persisted after every page,
 * so a resumed run continues after {@link #cursor()}). Immutable value.
 *
 * @param targetKeyId the key version records are re-encrypted to; never null
 * @param startedAt when the pass began; never null
 * @param total how many records the store held when the pass began; not negative
 * @param scanned records visited so far (done), records added during the pass included; not negative
 * @param reEncrypted records rewritten under the target key so far; not negative
 * @param changedMeanwhile records the host changed between reading and replacing (left as the host wrote them);
 *     not negative
 * @param failed records that did not decrypt and were left untouched; not negative
 * @param failures {@code "record id: reason"} of the first {@value #MAX_FAILURES_KEPT} failures; never null
 * @param cursor the id of the last record visited, {@code ""} before the first; never null
 * @param complete whether every record has been visited
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RotationProgress(String targetKeyId, Instant startedAt, long total, long scanned, long reEncrypted,
    long changedMeanwhile, long failed, List<String> failures, String cursor, boolean complete) {
  /** How many failure descriptions a progress keeps (the count {@link #failed()} is exact). */
  public static final int MAX_FAILURES_KEPT = 20;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a count is negative or more failures are listed than counted
   */
  public RotationProgress {
    Objects.requireNonNull(targetKeyId, "targetKeyId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(cursor, "cursor");
    failures = List.copyOf(failures);
    if (total < 0 || scanned < 0 || reEncrypted < 0 || changedMeanwhile < 0 || failed < 0) {
      throw new IllegalArgumentException("rotation progress counts must not be negative: total " + total
          + ", scanned " + scanned + ", reEncrypted " + reEncrypted + ", changedMeanwhile " + changedMeanwhile
          + ", failed " + failed);
    }
    if (failures.size() > Math.min(failed, MAX_FAILURES_KEPT)) {
      throw new IllegalArgumentException("rotation progress lists " + failures.size() + " failures but counts "
          + failed + " (at most " + MAX_FAILURES_KEPT + " are kept)");
    }
  }

  static RotationProgress start(String targetKeyId, Instant at, long total) {
    return new RotationProgress(targetKeyId, at, total, 0, 0, 0, 0, List.of(), "", false);
  }

  RotationProgress visited(String recordId, boolean rewritten, boolean changed) {
    return new RotationProgress(targetKeyId, startedAt, total, scanned + 1, reEncrypted + (rewritten ? 1 : 0),
        changedMeanwhile + (changed ? 1 : 0), failed, failures, recordId, false);
  }

  RotationProgress failedAt(String recordId, String reason) {
    List<String> f = new ArrayList<>(failures);
    if (f.size() < MAX_FAILURES_KEPT) {
      f.add(recordId + ": " + Ascii.truncate(reason, 200, "..."));
    }
    return new RotationProgress(targetKeyId, startedAt, total, scanned + 1, reEncrypted, changedMeanwhile,
        failed + 1, f, recordId, false);
  }

  RotationProgress completed() {
    return new RotationProgress(targetKeyId, startedAt, total, scanned, reEncrypted, changedMeanwhile, failed,
        failures, cursor, true);
  }

  /**
   * A one-line summary, e.g. {@code re-encryption to local-2: 40/100 records visited, 38 rewritten, 0 failed}.
   *
   * @return the summary; never null
   */
  public String summary() {
    return "re-encryption to " + targetKeyId + ": " + scanned + "/" + total + " records visited, " + reEncrypted
        + " rewritten, " + changedMeanwhile + " changed meanwhile, " + failed + " failed"
        + (complete ? " (complete)" : "");
  }
}
