package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.util.List;

/** One source format: binds to a file's header, then maps each row. Implementations are immutable. */
abstract class RowFormat {
  /** The format id used in reports. */
  abstract String id();

  /**
   * This format rejecting the rows it would otherwise accept with a {@link Deviation}; formats that accept none return
   * themselves.
   */
  RowFormat strict() {
    return this;
  }

  /**
   * Resolves column indexes for a file; columns that are mandatory and absent are recorded in {@code header.missing()}.
   */
  abstract Bound bind(Header header);

  /** A format bound to one file's header. Not thread-safe. */
  interface Bound {
    /** The source cost column summed for reconciliation. */
    String sourceCostColumn();

    /** The FOCUS column the source cost column maps to. */
    default String normalizedCostColumn() {
      return "BilledCost";
    }

    /** The row's source amount, or null when it does not parse. */
    BigDecimal sourceCost(Row row);

    /** The row's currency code, or null when absent. */
    String sourceCurrency(Row row);

    /** The normalized amount of a record, in the column named by {@link #normalizedCostColumn()}. */
    default BigDecimal normalizedCost(CostRecord record) {
      return record.billedCost();
    }

    /** Maps a row; throws for a row that must be rejected. */
    CostRecord map(Row row) throws RowException;
  }

  static String firstMissing(List<String> missing) {
    return missing.isEmpty() ? "" : missing.get(0);
  }
}
