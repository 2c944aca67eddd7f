package io.stratus.finops.query;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The rows of a {@link CostQuery}: ordered by bucket then key, or by amount (largest first) for a top-N query.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the query answered
 * @param rows the groups
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostQueryResult(CostQuery query, List<CostRow> rows) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public CostQueryResult {
    Objects.requireNonNull(query, "costQueryResult.query");
    rows = List.copyOf(rows);
  }

  /**
   * The sum of the rows per currency code.
   *
   * @return the totals; never null
   */
  public Map<String, BigDecimal> totals() {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (CostRow r : rows) {
      out.merge(r.currency().getCurrencyCode(), r.amount(), BigDecimal::add);
    }
    return out;
  }

  /**
   * The sum of the rows in one currency.
   *
   * @param currency the currency; never null
   * @return the total; zero when no row is in that currency
   */
  public BigDecimal total(Currency currency) {
    return totals().getOrDefault(currency.getCurrencyCode(), BigDecimal.ZERO);
  }
}
