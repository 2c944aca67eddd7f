package io.stratus.finops.attribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Cost per owner, per currency, after attribution and shared-cost splitting; the unallocated bucket is one of the
 * owners ({@link Owner#UNALLOCATED}). For every currency, the owners' amounts sum exactly to the total.
 *
 * <p>Immutable and thread-safe.
 *
 * @param byOwner per currency code, each owner's amount (the unallocated bucket included)
 * @param totals per currency code, the total of the attributed records
 * @param recordsByRule how many records each rule decided ({@code "(none)"} for unallocated records)
 * @param splits per shared rule and currency, the amount split and each owner's share
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AttributionReport(
    Map<String, Map<Owner, BigDecimal>> byOwner,
    Map<String, BigDecimal> totals,
    Map<String, Long> recordsByRule,
    List<SharedSplit> splits) {

  /**
   * Copies.
   *
   * @throws NullPointerException if a component is null
   */
  public AttributionReport {
    Map<String, Map<Owner, BigDecimal>> copy = new TreeMap<>();
    byOwner.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    byOwner = java.util.Collections.unmodifiableMap(copy);
    totals = Map.copyOf(totals);
    recordsByRule = Map.copyOf(recordsByRule);
    splits = List.copyOf(splits);
  }

  /**
   * The unallocated amount in a currency.
   *
   * @param currencyCode ISO code; never null
   * @return the amount; zero when everything was allocated
   */
  public BigDecimal unallocated(String currencyCode) {
    return byOwner.getOrDefault(currencyCode, Map.of()).getOrDefault(Owner.UNALLOCATED, BigDecimal.ZERO);
  }

  /**
   * The allocated amount in a currency (every owner but the unallocated bucket).
   *
   * @param currencyCode ISO code; never null
   * @return the amount; never null
   */
  public BigDecimal allocated(String currencyCode) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<Owner, BigDecimal> e : byOwner.getOrDefault(currencyCode, Map.of()).entrySet()) {
      if (!e.getKey().isUnallocated()) {
        sum = sum.add(e.getValue());
      }
    }
    return sum;
  }

  /**
   * The unallocated share of the total in a currency, to 16 significant digits.
   *
   * @param currencyCode ISO code; never null
   * @return between 0 and 1 for non-negative costs; zero when the total is zero
   */
  public BigDecimal unallocatedShare(String currencyCode) {
    BigDecimal total = totals.getOrDefault(Objects.requireNonNull(currencyCode, "currencyCode"), BigDecimal.ZERO);
    return total.signum() == 0 ? BigDecimal.ZERO : unallocated(currencyCode).divide(total, MathContext.DECIMAL64);
  }

  /**
   * How one shared rule divided the shared cost in one currency.
   *
   * @param rule the shared rule's name
   * @param currencyCode the currency
   * @param amount the shared amount
   * @param shares each owner's share; they sum to {@code amount}
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record SharedSplit(String rule, String currencyCode, BigDecimal amount, Map<Owner, BigDecimal> shares) {
    /**
     * Copies.
     *
     * @throws NullPointerException if a component is null
     */
    public SharedSplit {
      Objects.requireNonNull(rule, "sharedSplit.rule");
      Objects.requireNonNull(currencyCode, "sharedSplit.currencyCode");
      Objects.requireNonNull(amount, "sharedSplit.amount");
      shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }
  }
}
