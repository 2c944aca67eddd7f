package io.stratus.spark;

import io.stratus.StratusException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Money the Spark adapter cannot store or sum exactly, found in valid input: an amount its {@code DECIMAL(38, 18)}
 * column cannot hold by that column's rule (an exact sum with a non-zero digit beyond 18 places, which is never
 * rounded; anything of 10^20 or more), a sum Spark cannot compute exactly, or a mandatory cost that is missing. Never
 * a NULL or a rounded value instead, whatever {@code spark.sql.ansi.enabled} says.
 *
 * <p>A job reports every such amount at once, not only the first: {@link #count()} is how many were found and
 * {@link #amounts()} lists the first {@value #LISTED} of them (ordered by row, then column), each with its column, its
 * row (scope and day, output row, record or query group), its value and the rule it breaks with the remedy. Spark
 * reports the exception as the cause of the failed job.
 *
 * <p>Immutable once thrown; serializable (Spark carries it from the executor to the driver).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AmountNotRepresentableException extends StratusException {
  /** The most amounts {@link #amounts()} lists. */
  public static final int LISTED = 100;

  private static final long serialVersionUID = 2L;

  private final List<Amount> amounts;
  private final long count;

  /**
   * Creates the exception.
   *
   * @param amounts the first amounts found, at most {@value #LISTED} (more are cut); never null, not empty
   * @param count how many were found in all, at least {@code amounts.size()}
   * @throws IllegalArgumentException if amounts is empty or count is smaller than its size
   */
  public AmountNotRepresentableException(List<Amount> amounts, long count) {
    super(message(amounts, count));
    this.amounts = List.copyOf(amounts.subList(0, Math.min(LISTED, amounts.size())));
    this.count = count;
  }

  private static String message(List<Amount> amounts, long count) {
    if (amounts.isEmpty() || count < amounts.size()) {
      throw new IllegalArgumentException(
          "amounts must not be empty and count (" + count + ") at least their number (" + amounts.size() + ")");
    }
    StringBuilder b = new StringBuilder();
    b.append(count).append(count == 1 ? " amount" : " amounts").append(" cannot be stored or summed exactly");
    int listed = Math.min(LISTED, amounts.size());
    if (count > listed) {
      b.append(" (the first ").append(listed).append(" listed)");
    }
    b.append(':');
    for (Amount a : amounts.subList(0, listed)) {
      b.append("\n  ").append(a);
    }
    return b.toString();
  }

  /**
   * The first amounts found, ordered by row and column.
   *
   * @return an immutable list of 1 to {@value #LISTED} amounts; never null
   */
  public List<Amount> amounts() {
    return amounts;
  }

  /**
   * How many amounts were found in all, listed or not.
   *
   * @return the count, at least {@code amounts().size()}
   */
  public long count() {
    return count;
  }

  /**
   * One amount that cannot be stored or summed exactly.
   *
   * @param column the column, e.g. {@code actualToDate} of a detection output or {@code BilledCost} of the input
   * @param row where: e.g. {@code forecast SubAccountId=a1/USD 2025-02}, {@code day 2025-02-03 of scope
   *     SubAccountId=a1/USD (...)}, {@code record 12 of file:/in/cur.csv}
   * @param value the amount with every digit, or null when it could not be computed (a sum Spark cannot compute, a
   *     missing cost; the rule says which)
   * @param rule the rule the amount breaks and how to meet it
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Amount(String column, String row, @Nullable BigDecimal value, String rule) implements Serializable {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if column, row or rule is null
     */
    public Amount {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(rule, "rule");
    }

    /**
     * The amount as the exception's message lists it.
     *
     * @return column, row, value (when known) and rule; never null
     */
    @Override
    public String toString() {
      return "column " + column + " of " + row + ": "
          + (value == null ? "" : "the amount " + value.toPlainString() + " cannot be stored: ") + rule;
    }
  }
}
