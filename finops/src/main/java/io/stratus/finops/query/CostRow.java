package io.stratus.finops.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One group of a {@link CostQuery} result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the group's values, one per grouping dimension in order; an element is null when records had no value
 * @param bucketStart the start of the time bucket; null for {@link Granularity#TOTAL}
 * @param currency the billing currency of the amount
 * @param amount the exact sum of the metric
 * @param records how many records were summed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostRow(List<String> key, Instant bucketStart, Currency currency, BigDecimal amount, long records) {
  /**
   * Validates and copies the key.
   *
   * @throws NullPointerException if the key, currency or amount is null
   */
  public CostRow {
    key = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(key, "costRow.key")));
    Objects.requireNonNull(currency, "costRow.currency");
    Objects.requireNonNull(amount, "costRow.amount");
  }
}
