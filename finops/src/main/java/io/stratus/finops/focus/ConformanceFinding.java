package io.stratus.finops.focus;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A deviation from the FOCUS specification that a lenient reader accepted, counted over a file: the rows were
 * ingested as the {@code action} says instead of being rejected. A strict reader ({@link BillingReaders#strict})
 * rejects such rows instead. Real exports deviate like this, e.g. the Oracle rows of the official FOCUS 1.0 sample
 * leave the mandatory {@code ContractedCost} null.
 *
 * <p>Immutable and thread-safe.
 *
 * @param column the FOCUS column concerned, e.g. {@code ContractedCost}; never null
 * @param rule the rule the rows break, e.g. {@code "mandatory column must not be null (FOCUS 1.0)"}; never null
 * @param action what the reader did instead of rejecting, e.g. {@code "set to BilledCost"}; never null
 * @param rows how many data rows deviate this way; at least 1
 * @param firstRow the first such data row (1-based, the header is row 0)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConformanceFinding(String column, String rule, String action, long rows, long firstRow) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a text component is null
   * @throws IllegalArgumentException if {@code rows} is below 1 or {@code firstRow} below 1
   */
  public ConformanceFinding {
    Objects.requireNonNull(column, "conformanceFinding.column must not be null");
    Objects.requireNonNull(rule, "conformanceFinding.rule must not be null");
    Objects.requireNonNull(action, "conformanceFinding.action must not be null");
    if (rows < 1 || firstRow < 1) {
      throw new IllegalArgumentException(
          "conformanceFinding.rows and firstRow must be at least 1, got rows " + rows + ", firstRow " + firstRow);
    }
  }

  @Override
  public String toString() {
    return column + ": " + rule + "; " + action + " in " + rows + " row(s), first row " + firstRow;
  }
}
