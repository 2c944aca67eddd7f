package io.stratus.finops.attribution;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.Dimension;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Splits shared cost (support plans, shared clusters, networking) among owners. A record is shared when its value of a
 * dimension is one of the given values; shared rules are applied before the ordinary rules. The split is
 * {@link Method#EVEN even}, {@link Method#PROPORTIONAL_COST proportional to each owner's directly attributed cost},
 * {@link Method#PROPORTIONAL_USAGE proportional to each owner's consumed quantity}, or {@link Method#FIXED fixed
 * percentages} that sum to 100. Shares are exact: they always sum to the shared amount.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SharedCostRule {
  /** How shared cost is divided. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Method {
    /** Equal shares. */
    EVEN,
    /** By the owners' directly attributed cost (same metric and currency); even when all are zero. */
    PROPORTIONAL_COST,
    /** By the owners' consumed quantity; even when all are zero. */
    PROPORTIONAL_USAGE,
    /** By fixed percentages that sum to 100. */
    FIXED
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final String name;
  private final Dimension dimension;
  private final Set<String> values;
  private final Method method;
  private final Map<Owner, BigDecimal> targets;

  private SharedCostRule(
      String name, Dimension dimension, Set<String> values, Method method, Map<Owner, BigDecimal> targets) {
    this.name = Objects.requireNonNull(name, "sharedRule.name must not be null");
    this.dimension = Objects.requireNonNull(dimension, "sharedRule.dimension must not be null");
    this.values = Set.copyOf(Objects.requireNonNull(values, "sharedRule.values must not be null"));
    this.method = method;
    this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("sharedRule '" + name + "' must have at least one target owner");
    }
  }

  /**
   * A split among owners by a method other than {@link Method#FIXED}.
   *
   * @param name the rule's name; never null
   * @param dimension what selects shared records; never null
   * @param values the values that make a record shared; never null
   * @param method EVEN, PROPORTIONAL_COST or PROPORTIONAL_USAGE; never null
   * @param owners the owners sharing the cost; never empty
   * @return the rule; never null
   * @throws IllegalArgumentException if the method is FIXED or there are no owners
   */
  public static SharedCostRule split(
      String name, Dimension dimension, Set<String> values, Method method, List<Owner> owners) {
    if (Objects.requireNonNull(method, "sharedRule.method must not be null") == Method.FIXED) {
      throw new IllegalArgumentException("sharedRule '" + name + "': use fixed(...) for fixed percentages");
    }
    Map<Owner, BigDecimal> t = new LinkedHashMap<>();
    for (Owner o : owners) {
      if (t.put(Objects.requireNonNull(o, "owner"), BigDecimal.ONE) != null) {
        throw new IllegalArgumentException("sharedRule '" + name + "' lists owner " + o + " twice");
      }
    }
    return new SharedCostRule(name, dimension, values, method, t);
  }

  /**
   * A split by fixed percentages.
   *
   * @param name the rule's name; never null
   * @param dimension what selects shared records; never null
   * @param values the values that make a record shared; never null
   * @param percentages each owner's percentage; non-negative, summing to exactly 100
   * @return the rule; never null
   * @throws IllegalArgumentException if a percentage is negative or they do not sum to 100
   */
  public static SharedCostRule fixed(
      String name, Dimension dimension, Set<String> values, Map<Owner, BigDecimal> percentages) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<Owner, BigDecimal> e : percentages.entrySet()) {
      if (e.getValue().signum() < 0) {
        throw new IllegalArgumentException(
            "sharedRule '" + name + "': percentage of " + e.getKey() + " must be >= 0, got " + e.getValue());
      }
      sum = sum.add(e.getValue());
    }
    if (sum.compareTo(HUNDRED) != 0) {
      throw new IllegalArgumentException(
          "sharedRule '" + name + "': fixed percentages must sum to 100, got " + sum.toPlainString());
    }
    return new SharedCostRule(name, dimension, values, Method.FIXED, percentages);
  }

  /**
   * The name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The method.
   *
   * @return the method; never null
   */
  public Method method() {
    return method;
  }

  /**
   * The owners sharing the cost.
   *
   * @return the owners in order; never null
   */
  public List<Owner> owners() {
    return new ArrayList<>(targets.keySet());
  }

  boolean matches(CostRecord record, String sourceId) {
    return values.contains(dimension.valueOf(record, sourceId));
  }

  /** Each owner's weight: percentages for FIXED, else the given measure (all-zero weights fall back to even). */
  Map<Owner, BigDecimal> weights(Map<Owner, BigDecimal> measure) {
    Map<Owner, BigDecimal> w = new LinkedHashMap<>();
    boolean anyPositive = false;
    for (Map.Entry<Owner, BigDecimal> e : targets.entrySet()) {
      BigDecimal v;
      switch (method) {
        case FIXED:
          v = e.getValue();
          break;
        case EVEN:
          v = BigDecimal.ONE;
          break;
        default:
          v = measure.getOrDefault(e.getKey(), BigDecimal.ZERO).max(BigDecimal.ZERO);
      }
      anyPositive |= v.signum() > 0;
      w.put(e.getKey(), v);
    }
    if (!anyPositive) {
      w.replaceAll((k, v) -> BigDecimal.ONE);
    }
    return w;
  }

  /**
   * Divides an amount among this rule's owners, exactly: each share is rounded toward zero at the amount's scale plus
   * six digits (at least eight), and the remainder goes to the owner with the largest weight, so the shares always sum
   * to the amount.
   *
   * @param amount the shared amount; never null
   * @param measure each owner's cost or usage for the proportional methods (ignored otherwise); never null
   * @return each owner's share, in owner order; never null
   */
  public Map<Owner, BigDecimal> divide(BigDecimal amount, Map<Owner, BigDecimal> measure) {
    Objects.requireNonNull(amount, "amount");
    Map<Owner, BigDecimal> w = weights(Objects.requireNonNull(measure, "measure"));
    BigDecimal total = BigDecimal.ZERO;
    Owner largest = null;
    for (Map.Entry<Owner, BigDecimal> e : w.entrySet()) {
      total = total.add(e.getValue());
      if (largest == null || e.getValue().compareTo(w.get(largest)) > 0) {
        largest = e.getKey();
      }
    }
    int scale = Math.max(amount.scale(), 2) + 6;
    Map<Owner, BigDecimal> shares = new LinkedHashMap<>();
    BigDecimal given = BigDecimal.ZERO;
    for (Map.Entry<Owner, BigDecimal> e : w.entrySet()) {
      BigDecimal share =
          amount.multiply(e.getValue()).divide(total, scale, java.math.RoundingMode.DOWN);
      shares.put(e.getKey(), share);
      given = given.add(share);
    }
    shares.merge(largest, amount.subtract(given), BigDecimal::add);
    return shares;
  }

  @Override
  public String toString() {
    return name + " (" + method + " over " + targets.keySet() + ")";
  }
}
