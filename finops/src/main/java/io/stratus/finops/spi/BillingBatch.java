package io.stratus.finops.spi;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a {@link BillingSource} delivers for one billing period since a watermark.
 *
 * <p>Immutable and thread-safe.
 *
 * @param period the billing period every record belongs to
 * @param mode whether the records restate the whole period or add to / restate single lines
 * @param records the records, in the source's order; every one in {@code period}
 * @param watermark the watermark to pass on the next pull once these records are stored
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BillingBatch(BillingPeriod period, Mode mode, List<CostRecord> records, Watermark watermark) {
  /** How a batch relates to what was delivered before for the same period. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Mode {
    /**
     * The records are the complete, current data of the period (AWS CUR and Azure exports re-issue whole months):
     * they replace everything stored before for this source and period.
     */
    REPLACE_PERIOD,
    /**
     * The records are new or restated lines (GCP appends rows with a later export time): a record replaces a stored
     * one with the same {@link CostRecord#dedupKey()}, the others are added.
     */
    UPSERT
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a record lies outside the period
   */
  public BillingBatch {
    Objects.requireNonNull(period, "billingBatch.period must not be null");
    Objects.requireNonNull(mode, "billingBatch.mode must not be null");
    Objects.requireNonNull(watermark, "billingBatch.watermark must not be null");
    records = List.copyOf(Objects.requireNonNull(records, "billingBatch.records must not be null"));
    for (CostRecord r : records) {
      if (!r.billingPeriodStart().equals(period.start()) || !r.billingPeriodEnd().equals(period.end())) {
        throw new IllegalArgumentException(
            "billingBatch.records must all belong to billing period " + period + ", got " + r.billingPeriodStart()
                + ".." + r.billingPeriodEnd() + " in " + r);
      }
    }
  }

  /**
   * Whether the batch carries nothing new.
   *
   * @return true if there are no records
   */
  public boolean isEmpty() {
    return records.isEmpty();
  }
}
