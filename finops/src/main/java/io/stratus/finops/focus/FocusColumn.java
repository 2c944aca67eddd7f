package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one table of the columns of a {@link CostRecord}: FOCUS name, accepted alternative names, value kind and whether
 * the column is mandatory. It drives the record's storage, validation, equality and copying, the FOCUS reader's
 * column binding and value parsing ({@link FocusCsvFormat}) and the writer's header and cells ({@link
 * FocusCsvWriter}). The constants are in the reader's mapping order (which decides which column a row with several
 * faults is rejected for); {@link #WRITE_ORDER} is the FOCUS specification's alphabetical order. Immutable.
 */
enum FocusColumn {
  BILLED_COST("BilledCost", Kind.DECIMAL, true),
  EFFECTIVE_COST("EffectiveCost", Kind.DECIMAL, true),
  LIST_COST("ListCost", Kind.DECIMAL, true),
  CONTRACTED_COST("ContractedCost", Kind.DECIMAL, true),
  BILLING_CURRENCY("BillingCurrency", Kind.CURRENCY, true),
  BILLING_ACCOUNT_ID("BillingAccountId", Kind.TEXT, true),
  BILLING_ACCOUNT_NAME("BillingAccountName", Kind.TEXT, false),
  BILLING_ACCOUNT_TYPE("BillingAccountType", Kind.TEXT, false),
  BILLING_PERIOD_START("BillingPeriodStart", Kind.INSTANT, true),
  BILLING_PERIOD_END("BillingPeriodEnd", Kind.INSTANT, true),
  CHARGE_PERIOD_START("ChargePeriodStart", Kind.INSTANT, true),
  CHARGE_PERIOD_END("ChargePeriodEnd", Kind.INSTANT, true),
  CHARGE_DESCRIPTION("ChargeDescription", Kind.TEXT, false),
  PROVIDER_NAME("ProviderName", Kind.TEXT, true, "Provider", "ServiceProviderName"),
  PUBLISHER_NAME("PublisherName", Kind.TEXT, false, "Publisher"),
  INVOICE_ISSUER_NAME("InvoiceIssuerName", Kind.TEXT, false, "InvoiceIssuer"),
  INVOICE_ID("InvoiceId", Kind.TEXT, false),
  SUB_ACCOUNT_ID("SubAccountId", Kind.TEXT, false),
  SUB_ACCOUNT_NAME("SubAccountName", Kind.TEXT, false),
  SUB_ACCOUNT_TYPE("SubAccountType", Kind.TEXT, false),
  REGION_ID("RegionId", Kind.TEXT, false, "Region"),
  REGION_NAME("RegionName", Kind.TEXT, false),
  AVAILABILITY_ZONE("AvailabilityZone", Kind.TEXT, false),
  SERVICE_NAME("ServiceName", Kind.TEXT, true),
  SERVICE_CATEGORY("ServiceCategory", Kind.TEXT, true),
  SERVICE_SUBCATEGORY("ServiceSubcategory", Kind.TEXT, false),
  RESOURCE_ID("ResourceId", Kind.TEXT, false),
  RESOURCE_NAME("ResourceName", Kind.TEXT, false),
  RESOURCE_TYPE("ResourceType", Kind.TEXT, false),
  SKU_ID("SkuId", Kind.TEXT, false),
  SKU_PRICE_ID("SkuPriceId", Kind.TEXT, false),
  SKU_METER("SkuMeter", Kind.TEXT, false),
  SKU_PRICE_DETAILS("SkuPriceDetails", Kind.TEXT, false, "x_SkuDetails"),
  PRICING_CURRENCY("PricingCurrency", Kind.TEXT, false, "x_PricingCurrency"),
  PRICING_CURRENCY_CONTRACTED_UNIT_PRICE("PricingCurrencyContractedUnitPrice", Kind.DECIMAL, false),
  PRICING_CURRENCY_EFFECTIVE_COST("PricingCurrencyEffectiveCost", Kind.DECIMAL, false),
  PRICING_CURRENCY_LIST_UNIT_PRICE("PricingCurrencyListUnitPrice", Kind.DECIMAL, false),
  PRICING_CATEGORY("PricingCategory", Kind.TEXT, false),
  PRICING_QUANTITY("PricingQuantity", Kind.DECIMAL, false),
  PRICING_UNIT("PricingUnit", Kind.TEXT, false),
  LIST_UNIT_PRICE("ListUnitPrice", Kind.DECIMAL, false),
  CONTRACTED_UNIT_PRICE("ContractedUnitPrice", Kind.DECIMAL, false),
  CONSUMED_QUANTITY("ConsumedQuantity", Kind.DECIMAL, false),
  CONSUMED_UNIT("ConsumedUnit", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_ID("CommitmentDiscountId", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_NAME("CommitmentDiscountName", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_CATEGORY("CommitmentDiscountCategory", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_TYPE("CommitmentDiscountType", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_STATUS("CommitmentDiscountStatus", Kind.TEXT, false),
  COMMITMENT_DISCOUNT_QUANTITY("CommitmentDiscountQuantity", Kind.DECIMAL, false),
  COMMITMENT_DISCOUNT_UNIT("CommitmentDiscountUnit", Kind.TEXT, false),
  CAPACITY_RESERVATION_ID("CapacityReservationId", Kind.TEXT, false),
  CAPACITY_RESERVATION_STATUS("CapacityReservationStatus", Kind.TEXT, false),
  LINE_ITEM_ID("x_LineItemId", Kind.TEXT, false),
  CHARGE_CATEGORY("ChargeCategory", Kind.CATEGORY, true),
  CHARGE_FREQUENCY("ChargeFrequency", Kind.FREQUENCY, false),
  CHARGE_CLASS("ChargeClass", Kind.CORRECTION, false),
  TAGS("Tags", Kind.TAGS, false);

  /** What a column holds, and how it is parsed and written. */
  enum Kind {
    /** An exact decimal ({@link BigDecimal}). */
    DECIMAL,
    /** Text. */
    TEXT,
    /** A date/time ({@link Instant}, whole seconds). */
    INSTANT,
    /** An ISO 4217 currency ({@link java.util.Currency}). */
    CURRENCY,
    /** A {@link ChargeCategory}. */
    CATEGORY,
    /** A {@link ChargeFrequency}. */
    FREQUENCY,
    /** ChargeClass: {@code Correction} or null, held as a {@link Boolean}. */
    CORRECTION,
    /** Tags, a JSON object in files, a {@link FrozenTags} in records. */
    TAGS
  }

  /** Every column, in declaration order (cached: {@code values()} copies). */
  static final List<FocusColumn> ALL = List.of(values());

  /** The writer's column order: the FOCUS names in the specification's alphabetical order, {@code x_} columns last. */
  static final List<FocusColumn> WRITE_ORDER =
      ALL.stream().sorted(Comparator.comparing((FocusColumn c) -> c.focusName)).toList();

  /**
   * The largest number of digits before the decimal point of a decimal column: 20, the integer range of
   * {@code DECIMAL(38, 18)} that SQL stores and Parquet use for money. As a {@code double}, a value such as
   * {@code 1e400} is infinite.
   */
  static final int MAX_INTEGER_DIGITS = 20;

  final String focusName;
  final Kind kind;
  final boolean mandatory;
  /** The names a reader accepts, the FOCUS name first. */
  final String[] names;

  FocusColumn(String focusName, Kind kind, boolean mandatory, String... aliases) {
    this.focusName = focusName;
    this.kind = kind;
    this.mandatory = mandatory;
    this.names = new String[aliases.length + 1];
    names[0] = focusName;
    System.arraycopy(aliases, 0, names, 1, aliases.length);
  }

  /**
   * Checks the per-column rules on a record's values (indexed by ordinal): mandatory columns are set (else
   * {@link NullPointerException}), mandatory text is not blank, date/times are whole seconds, decimals lie within
   * {@link #MAX_INTEGER_DIGITS}.
   *
   * @throws NullPointerException if a mandatory column is null
   * @throws IllegalArgumentException if a rule is broken; the message names the column, the value and the rule
   */
  static void validate(Object[] values) {
    for (FocusColumn c : ALL) {
      Object v = values[c.ordinal()];
      if (v == null) {
        if (c.mandatory) {
          throw new NullPointerException(c.focusName + " is mandatory and must not be null");
        }
        continue;
      }
      switch (c.kind) {
        case TEXT:
          if (c.mandatory && ((String) v).isBlank()) {
            throw new IllegalArgumentException(
                c.focusName + " is mandatory and must not be blank, got '" + v + "'");
          }
          break;
        case INSTANT:
          if (((Instant) v).getNano() != 0) {
            throw new IllegalArgumentException(
                c.focusName + " must be a whole second (FOCUS date/time is YYYY-MM-DDTHH:mm:ssZ), got " + v);
          }
          break;
        case DECIMAL:
          BigDecimal d = (BigDecimal) v;
          if (d.signum() != 0 && d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(
                c.focusName + " must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point"
                    + " (DECIMAL(38, 18)), got " + d);
          }
          break;
        default:
          break;
      }
    }
  }

  /** Whether two values of this column are equal (decimals by value: {@code 1.0} equals {@code 1.00}). */
  boolean same(Object a, Object b) {
    if (kind == Kind.DECIMAL) {
      return a == null ? b == null : b != null && ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** A hash consistent with {@link #same}. */
  int hash(Object v) {
    if (v == null) {
      return 0;
    }
    return kind == Kind.DECIMAL ? Double.hashCode(((BigDecimal) v).doubleValue()) : v.hashCode();
  }

  /** The column's cell in a FOCUS CSV file; empty for null. */
  String format(Object v) {
    if (v == null) {
      return "";
    }
    switch (kind) {
      case DECIMAL:
        return ((BigDecimal) v).toPlainString();
      case CURRENCY:
        return ((java.util.Currency) v).getCurrencyCode();
      case CATEGORY:
        return ((ChargeCategory) v).focusValue();
      case FREQUENCY:
        return ((ChargeFrequency) v).focusValue();
      case CORRECTION:
        return ((Boolean) v) ? "Correction" : "";
      case TAGS:
        return ((java.util.Map<?, ?>) v).isEmpty() ? "" : Json.write(focusName, v);
      default:
        return v.toString();
    }
  }

  @Override
  public String toString() {
    return names.length == 1
        ? focusName
        : focusName + " (also read as " + String.join(", ", Arrays.asList(names).subList(1, names.length)) + ")";
  }
}
