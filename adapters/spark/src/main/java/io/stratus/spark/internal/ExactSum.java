package io.stratus.spark.internal;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Sums a decimal column exactly in Spark SQL, in any ANSI mode: Spark's {@code sum} keeps the column's scale and at
 * most 38 digits, so a sum of {@code DECIMAL(38, 18)} values of 10^20 or more overflows (an {@code
 * ArithmeticException} with ANSI on, a silent NULL with it off). Each value is split into its integer part ({@code
 * floor}) and its fraction in [0, 1) ({@code pmod(v, 1)}); both are summed with {@code try_sum}, the sum of the
 * fractions carried into the integer part, and the exact total is their sum in Java. A {@code DECIMAL(38, 18)} sum
 * overflows only beyond 10^10 rows per group; then, and for input types with more than 27 digits before the point,
 * whose integer sums may reach 10^38, {@link #total} reports the overflow as null instead of a wrong value.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ExactSum {
  private ExactSum() {}

  /**
   * The aggregate columns of the exact sum of a column, to put in one {@code agg}: the integer part {@code
   * <alias>_int}, the fraction in [0, 1) {@code <alias>_frac} and the number of non-null values {@code <alias>_n}.
   * Ordering by the first two (integer part, then fraction) orders by the total.
   *
   * @param column the decimal column; never null
   * @param alias the prefix of the result columns; never null
   * @return the three columns; never null
   */
  public static List<Column> columns(Column column, String alias) {
    Column whole = functions.try_sum(functions.floor(column));
    Column fractions = functions.try_sum(functions.pmod(column, functions.lit(BigDecimal.ONE)));
    return List.of(functions.try_add(whole, functions.floor(fractions)).as(alias + "_int"),
        functions.pmod(fractions, functions.lit(BigDecimal.ONE)).as(alias + "_frac"),
        functions.count(column).as(alias + "_n"));
  }

  /**
   * The exact sum from a row holding {@link #columns} at {@code index}, {@code index + 1} and {@code index + 2}.
   *
   * @param row the row; never null
   * @param index the position of the integer part
   * @return the sum (zero when no value was summed), or null when Spark could not sum the values (see the class
   *     description)
   */
  public static @Nullable BigDecimal total(Row row, int index) {
    if (row.getLong(index + 2) == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal whole = row.getDecimal(index);
    BigDecimal fraction = row.getDecimal(index + 1);
    return whole == null || fraction == null ? null : whole.add(fraction);
  }

  /**
   * The number of values summed, from a row holding {@link #columns} at {@code index}.
   *
   * @param row the row; never null
   * @param index the position of the integer part
   * @return the count of non-null values
   */
  public static long count(Row row, int index) {
    return row.getLong(index + 2);
  }
}
