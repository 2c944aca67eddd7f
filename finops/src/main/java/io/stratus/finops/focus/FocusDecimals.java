package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The one rule for writing FOCUS decimals into a fixed-scale store ({@code DECIMAL(38, 18)}, the type SQL stores and
 * Parquet use for money): a value with more than {@value #SCALE} digits after the point is rounded
 * {@link RoundingMode#HALF_EVEN} to {@value #SCALE} places and the rounding is counted as a {@link DecimalRounding}
 * finding (column, count, largest absolute rounding); it is never a rejection. Values with at most 18 places (or only
 * zeros beyond them) are stored exactly. The readers already refuse more than 20 digits before the point, so every
 * rounded value fits {@code DECIMAL(38, 18)}.
 *
 * <p>The records readers emit and single-JVM stores keep stay exact: the rule applies only where a record is written
 * to such a column (the Spark adapter's FOCUS Parquet, for one). Real exports need it: Azure EA amortized cost exports
 * carry up to 28 places in {@code PricingQuantity} and the unit prices. The largest absolute rounding is
 * {@code 5E-19} per value, far below a cent even summed over billions of rows.
 *
 * <p>The static methods are thread-safe; a {@link Tally} is not.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FocusDecimals {
  /** The scale of the stored decimals: 18 digits after the point. */
  public static final int SCALE = 18;
  /** The rounding of a value with more places: half to even (banker's rounding, unbiased over many values). */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private static final List<FocusColumn> DECIMALS =
      FocusColumn.ALL.stream().filter(c -> c.kind == FocusColumn.Kind.DECIMAL).toList();

  private FocusDecimals() {}

  /**
   * A value at the stored scale.
   *
   * @param value the exact value; never null
   * @return {@code value} with scale {@value #SCALE}, rounded {@link #ROUNDING} if it had more places; never null
   */
  public static BigDecimal toStoredScale(BigDecimal value) {
    return value.setScale(SCALE, ROUNDING);
  }

  /**
   * Whether a value loses digits at the stored scale.
   *
   * @param value the value; never null
   * @return true if it has a non-zero digit beyond {@value #SCALE} places after the point
   */
  public static boolean needsRounding(BigDecimal value) {
    return value.scale() > SCALE && value.stripTrailingZeros().scale() > SCALE;
  }

  /**
   * A record as a fixed-scale store gives it back: every decimal column with more than {@value #SCALE} places rounded
   * by the rule (values with fewer places keep their scale; equality of records compares decimals by value).
   *
   * @param record the exact record; never null
   * @return the rounded record, or {@code record} itself when nothing needs rounding; never null
   */
  public static CostRecord toStoredScale(CostRecord record) {
    return round(record, null);
  }

  private static CostRecord round(CostRecord record, Tally tally) {
    Objects.requireNonNull(record, "record");
    CostRecord.Builder b = null;
    for (FocusColumn c : DECIMALS) {
      BigDecimal v = (BigDecimal) record.value(c);
      if (v != null && needsRounding(v)) {
        BigDecimal r = toStoredScale(v);
        if (tally != null) {
          tally.count(c.focusName, r.subtract(v).abs());
        }
        if (b == null) {
          b = record.toBuilder();
        }
        b.set(c, r);
      }
    }
    return b == null ? record : b.build();
  }

  /**
   * Counts the roundings of a write, per column. Not thread-safe: one per task or writer.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Tally {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, BigDecimal> max = new LinkedHashMap<>();

    /** An empty tally. */
    public Tally() {}

    /**
     * {@link FocusDecimals#toStoredScale(CostRecord)}, counting each rounded value.
     *
     * @param record the exact record; never null
     * @return the rounded record, or {@code record} itself when nothing needs rounding; never null
     */
    public CostRecord round(CostRecord record) {
      return FocusDecimals.round(record, this);
    }

    /**
     * The roundings counted so far, one per column in order of first rounding.
     *
     * @return an unmodifiable list, empty when nothing was rounded; never null
     */
    public List<DecimalRounding> roundings() {
      List<DecimalRounding> out = new ArrayList<>();
      counts.forEach((c, n) -> out.add(new DecimalRounding(c, n[0], max.get(c))));
      return List.copyOf(out);
    }

    private void count(String column, BigDecimal delta) {
      counts.computeIfAbsent(column, k -> new long[1])[0]++;
      max.merge(column, delta, BigDecimal::max);
    }
  }
}
