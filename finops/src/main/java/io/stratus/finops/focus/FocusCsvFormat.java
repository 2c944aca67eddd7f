package io.stratus.finops.focus;

import java.math.BigDecimal;

/**
 * FOCUS CSV, versions 1.0 to 1.2 (and the FOCUS exports of AWS Data Exports and Azure Cost Management).
 *
 * <p>Mapping: every FOCUS column maps to the {@link CostRecord} field of the same name; column names match
 * case-insensitively. {@code NULL} or an empty cell is null. {@code ChargeClass = Correction} sets
 * {@link CostRecord#correction()}. {@code ChargeCategory} and {@code ChargeFrequency} are matched ignoring case (real
 * exports write {@code Usage-based}). {@code Tags} is a JSON object. Columns added in 1.1/1.2 are read when present;
 * provider extension columns ({@code x_*}) are ignored except {@code x_LineItemId}, which this library's writer emits
 * as the record's {@link CostRecord#lineItemId()}. The older 0.5 name {@code Provider} is accepted for
 * {@code ProviderName}; Azure's FOCUS 1.0 export names {@code x_PricingCurrency} and {@code x_SkuDetails} are read
 * as PricingCurrency and SkuPriceDetails when the 1.2 columns are absent. Mandatory columns: BilledCost, EffectiveCost, ListCost, ContractedCost, BillingCurrency,
 * BillingAccountId, Billing and Charge period start/end, ChargeCategory, ProviderName, ServiceName, ServiceCategory.
 * Reconciliation sums {@code BilledCost}.
 *
 * <p>Accepted deviations (each counted as a {@link ConformanceFinding}; the strict variant rejects the row instead):
 * a null {@code ContractedCost} is set to {@code BilledCost} (the Oracle rows of the official FOCUS 1.0 sample, i.e.
 * OCI's FOCUS export, leave it null; BilledCost is the charge at the customer's negotiated rates before commitment
 * amortization, which is what ContractedCost means for a charge without a negotiated discount on top).
 */
final class FocusCsvFormat extends RowFormat {
  static final Deviation CONTRACTED_COST_NULL =
      new Deviation("ContractedCost", "mandatory column must not be null (FOCUS 1.0+)", "set to BilledCost");

  private final boolean strict;

  FocusCsvFormat() {
    this(false);
  }

  private FocusCsvFormat(boolean strict) {
    this.strict = strict;
  }

  @Override
  String id() {
    return "focus";
  }

  @Override
  RowFormat strict() {
    return new FocusCsvFormat(true);
  }

  @Override
  Bound bind(Header h) {
    return new B(h, strict);
  }

  /** Binds and maps by the column table ({@link FocusColumn}): one loop, no per-column code. */
  private static final class B implements Bound {
    private final Parse p = new Parse();
    private final Json.TagCache tagCache = new Json.TagCache();
    private final boolean strict;
    /** Per column (by ordinal), its position in the file, or -1. */
    private final int[] at = new int[FocusColumn.ALL.size()];

    B(Header h, boolean strict) {
      this.strict = strict;
      for (FocusColumn c : FocusColumn.ALL) {
        at[c.ordinal()] = c.mandatory ? h.require(c.names) : h.find(c.names);
      }
    }

    @Override
    public String sourceCostColumn() {
      return "BilledCost";
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      return p.sourceAmount(row, at[FocusColumn.BILLED_COST.ordinal()]);
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(at[FocusColumn.BILLING_CURRENCY.ordinal()]);
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      CostRecord.Builder b = CostRecord.builder();
      BigDecimal billed = null;
      for (FocusColumn c : FocusColumn.ALL) {
        int i = at[c.ordinal()];
        Object v;
        switch (c.kind) {
          case DECIMAL:
            BigDecimal d = c.mandatory && c != FocusColumn.CONTRACTED_COST ? p.requireDecimal(r, i) : p.decimal(r, i);
            if (c == FocusColumn.BILLED_COST) {
              billed = d;
            } else if (c == FocusColumn.CONTRACTED_COST && d == null) {
              if (strict) {
                r.require(i);
              }
              d = billed;
              r.deviate(CONTRACTED_COST_NULL);
            }
            v = d;
            break;
          case TEXT:
            v = c.mandatory ? r.require(i) : r.get(i);
            break;
          case INSTANT:
            v = c.mandatory ? p.requireInstant(r, i) : p.instant(r, i);
            break;
          case CURRENCY:
            v = p.currency(r, i);
            break;
          case CATEGORY:
            String cat = r.require(i);
            try {
              v = ChargeCategory.fromFocus(cat);
            } catch (IllegalArgumentException e) {
              throw new RowException(r.header().name(i), "not a FOCUS ChargeCategory", cat);
            }
            break;
          case FREQUENCY:
            String freq = r.get(i);
            try {
              v = freq == null ? null : ChargeFrequency.fromFocus(freq);
            } catch (IllegalArgumentException e) {
              throw new RowException(r.header().name(i), "not a FOCUS ChargeFrequency", freq);
            }
            break;
          case CORRECTION:
            String cls = r.get(i);
            if (cls != null && !cls.equalsIgnoreCase("Correction")) {
              throw new RowException(r.header().name(i), "ChargeClass must be Correction or null", cls);
            }
            b.correction(cls != null);
            continue;
          default:
            String t = r.get(i);
            if (t != null) {
              b.tags(tagCache.parse(r.header().name(i), t));
            }
            continue;
        }
        b.set(c, v);
      }
      return b.build();
    }
  }
}
