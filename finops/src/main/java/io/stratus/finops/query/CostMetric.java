package io.stratus.finops.query;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.internal.Fields;
import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * The amount a query sums.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum CostMetric {
  /** FOCUS BilledCost: what the invoice says. */
  BILLED(Fields.D_BILLED),
  /** FOCUS EffectiveCost: amortized, after commitment discounts. */
  EFFECTIVE(Fields.D_EFFECTIVE),
  /** FOCUS ListCost: at public prices. */
  LIST(Fields.D_LIST),
  /** FOCUS ContractedCost: at negotiated prices. */
  CONTRACTED(Fields.D_CONTRACTED),
  /** FOCUS ConsumedQuantity (in each record's ConsumedUnit; group by unit to make sense of it). */
  CONSUMED_QUANTITY(Fields.D_CONSUMED_QUANTITY);

  private final int field;

  CostMetric(int field) {
    this.field = field;
  }

  /**
   * This metric's value in a record.
   *
   * @param record the record; never null
   * @return the value; zero when the record has none (a quantity may be absent)
   */
  public BigDecimal valueOf(CostRecord record) {
    BigDecimal v = Fields.decimal(record, field);
    return v == null ? BigDecimal.ZERO : v;
  }
}
