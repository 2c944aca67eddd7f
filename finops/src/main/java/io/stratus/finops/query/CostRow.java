package io.stratus.finops.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
   * The order every cost store returns rows in: by bucket start (when both rows have one), then by the key's values
   * in grouping order with null (no value) first, then by currency code. Stateless and thread-safe.
   */
  public static final Comparator<CostRow> RESULT_ORDER = CostRow::compareInResultOrder;

  private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  private static int compareInResultOrder(CostRow a, CostRow b) {
    if (a.bucketStart() != null && b.bucketStart() != null) {
      int c = a.bucketStart().compareTo(b.bucketStart());
      if (c != 0) {
        return c;
      }
    }
    for (int k = 0; k < a.key().size(); k++) {
      int c = NULLS_FIRST.compare(a.key().get(k), b.key().get(k));
      if (c != 0) {
        return c;
      }
    }
    return a.currency().getCurrencyCode().compareTo(b.currency().getCurrencyCode());
  }

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
