package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One normalized cost line, following the FinOps FOCUS 1.2 column set: billed, effective, list and contracted cost
 * (exact {@link BigDecimal}s in {@link #billingCurrency()}), charge category, class and frequency, charge and billing
 * periods, provider, billing account and sub account, region, service, resource, SKU, pricing and consumed quantity,
 * commitment discount columns and tags. Nullable FOCUS columns are {@code null} when absent; {@link #tags()} is
 * never null.
 *
 * <p>This is the row type readers emit and {@link io.stratus.finops.spi.BillingSource}s return; stores keep their
 * own compact layout. Built with {@link #builder()}; {@link #toBuilder()} copies.
 *
 * <p>Validation (each failure names the column, the value and the rule): mandatory columns are set; periods are
 * whole seconds (the FOCUS date/time format) with end not before start (billing period end strictly after start);
 * tags have non-blank keys and non-null values.
 *
 * <p>The columns, their kinds and rules are one table (the package-private {@code FocusColumn}), which also drives the
 * FOCUS reader and writer; the values are held in one array in that table's order.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostRecord {
  private static final int N = FocusColumn.ALL.size();

  /** The values by {@link FocusColumn#ordinal()}; tags are a {@link FrozenTags}, ChargeClass a {@link Boolean}. */
  private final Object[] values;

  private CostRecord(Builder b) {
    Object[] v = b.values.clone();
    v[FocusColumn.TAGS.ordinal()] = b.sharedTags != null ? b.sharedTags : FrozenTags.copyOf(b.tags);
    v[FocusColumn.CHARGE_CLASS.ordinal()] = b.correction;
    FocusColumn.validate(v);
    this.values = v;
    String details = skuPriceDetails();
    if (details != null && (!details.startsWith("{") || !details.endsWith("}"))) {
      throw new IllegalArgumentException("SkuPriceDetails must be a JSON object, got '" + details + "'");
    }
    if (pricingCurrency() == null
        && (pricingCurrencyContractedUnitPrice() != null || pricingCurrencyEffectiveCost() != null
            || pricingCurrencyListUnitPrice() != null)) {
      throw new IllegalArgumentException(
          "PricingCurrency must not be null when a PricingCurrency* price or cost is set");
    }
    if (chargePeriodEnd().isBefore(chargePeriodStart())) {
      throw new IllegalArgumentException(
          "ChargePeriodEnd must not be before ChargePeriodStart " + chargePeriodStart() + ", got "
              + chargePeriodEnd());
    }
    if (!billingPeriodEnd().isAfter(billingPeriodStart())) {
      throw new IllegalArgumentException(
          "BillingPeriodEnd must be after BillingPeriodStart " + billingPeriodStart() + ", got " + billingPeriodEnd());
    }
    for (Map.Entry<String, String> tag : tags().entrySet()) {
      if (tag.getKey() == null || tag.getKey().isBlank() || tag.getValue() == null) {
        throw new IllegalArgumentException("Tags must have non-blank keys and non-null values, got " + tag);
      }
    }
  }

  /**
   * A new, empty builder.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this record's values.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(values, 0, b.values, 0, N);
    b.correction = correction();
    b.sharedTags = (FrozenTags) values[FocusColumn.TAGS.ordinal()];
    return b;
  }

  /** The value of one column (for the table-driven reader, writer and store). */
  Object value(FocusColumn column) {
    return values[column.ordinal()];
  }

  /**
   * FOCUS BilledCost: the amount invoiced for this charge, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal billedCost() {
    return (BigDecimal) values[FocusColumn.BILLED_COST.ordinal()];
  }

  /**
   * FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal effectiveCost() {
    return (BigDecimal) values[FocusColumn.EFFECTIVE_COST.ordinal()];
  }

  /**
   * FOCUS ListCost: the cost at public list prices, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal listCost() {
    return (BigDecimal) values[FocusColumn.LIST_COST.ordinal()];
  }

  /**
   * FOCUS ContractedCost: the cost at negotiated prices, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal contractedCost() {
    return (BigDecimal) values[FocusColumn.CONTRACTED_COST.ordinal()];
  }

  /**
   * FOCUS BillingCurrency: the ISO 4217 currency of the cost columns.
   *
   * @return the value; never null
   */
  public Currency billingCurrency() {
    return (Currency) values[FocusColumn.BILLING_CURRENCY.ordinal()];
  }

  /**
   * FOCUS BillingAccountId: the account the invoice is issued to.
   *
   * @return the value; never null
   */
  public String billingAccountId() {
    return (String) values[FocusColumn.BILLING_ACCOUNT_ID.ordinal()];
  }

  /**
   * FOCUS BillingAccountName: the display name of the billing account.
   *
   * @return the value; null when absent
   */
  public String billingAccountName() {
    return (String) values[FocusColumn.BILLING_ACCOUNT_NAME.ordinal()];
  }

  /**
   * FOCUS BillingAccountType: the provider's label for the kind of billing account.
   *
   * @return the value; null when absent
   */
  public String billingAccountType() {
    return (String) values[FocusColumn.BILLING_ACCOUNT_TYPE.ordinal()];
  }

  /**
   * FOCUS BillingPeriodStart: the inclusive start of the billing period (invoice month).
   *
   * @return the value; never null
   */
  public Instant billingPeriodStart() {
    return (Instant) values[FocusColumn.BILLING_PERIOD_START.ordinal()];
  }

  /**
   * FOCUS BillingPeriodEnd: the exclusive end of the billing period.
   *
   * @return the value; never null
   */
  public Instant billingPeriodEnd() {
    return (Instant) values[FocusColumn.BILLING_PERIOD_END.ordinal()];
  }

  /**
   * FOCUS ChargePeriodStart: the inclusive start of the period the charge applies to.
   *
   * @return the value; never null
   */
  public Instant chargePeriodStart() {
    return (Instant) values[FocusColumn.CHARGE_PERIOD_START.ordinal()];
  }

  /**
   * FOCUS ChargePeriodEnd: the exclusive end of the period the charge applies to.
   *
   * @return the value; never null
   */
  public Instant chargePeriodEnd() {
    return (Instant) values[FocusColumn.CHARGE_PERIOD_END.ordinal()];
  }

  /**
   * FOCUS ChargeDescription: a human-readable summary of the charge.
   *
   * @return the value; null when absent
   */
  public String chargeDescription() {
    return (String) values[FocusColumn.CHARGE_DESCRIPTION.ordinal()];
  }

  /**
   * FOCUS ProviderName: the provider that made the resources available, e.g. AWS, Microsoft, Google Cloud.
   *
   * @return the value; never null
   */
  public String providerName() {
    return (String) values[FocusColumn.PROVIDER_NAME.ordinal()];
  }

  /**
   * FOCUS PublisherName: the entity that produced the resources.
   *
   * @return the value; null when absent
   */
  public String publisherName() {
    return (String) values[FocusColumn.PUBLISHER_NAME.ordinal()];
  }

  /**
   * FOCUS InvoiceIssuerName: the entity responsible for invoicing.
   *
   * @return the value; null when absent
   */
  public String invoiceIssuerName() {
    return (String) values[FocusColumn.INVOICE_ISSUER_NAME.ordinal()];
  }

  /**
   * FOCUS InvoiceId: the invoice this charge is on.
   *
   * @return the value; null when absent
   */
  public String invoiceId() {
    return (String) values[FocusColumn.INVOICE_ID.ordinal()];
  }

  /**
   * FOCUS SubAccountId: the sub account (AWS account, Azure subscription, GCP project).
   *
   * @return the value; null when absent
   */
  public String subAccountId() {
    return (String) values[FocusColumn.SUB_ACCOUNT_ID.ordinal()];
  }

  /**
   * FOCUS SubAccountName: the display name of the sub account.
   *
   * @return the value; null when absent
   */
  public String subAccountName() {
    return (String) values[FocusColumn.SUB_ACCOUNT_NAME.ordinal()];
  }

  /**
   * FOCUS SubAccountType: the provider's label for the kind of sub account.
   *
   * @return the value; null when absent
   */
  public String subAccountType() {
    return (String) values[FocusColumn.SUB_ACCOUNT_TYPE.ordinal()];
  }

  /**
   * FOCUS RegionId: the provider's region id.
   *
   * @return the value; null when absent
   */
  public String regionId() {
    return (String) values[FocusColumn.REGION_ID.ordinal()];
  }

  /**
   * FOCUS RegionName: the region display name.
   *
   * @return the value; null when absent
   */
  public String regionName() {
    return (String) values[FocusColumn.REGION_NAME.ordinal()];
  }

  /**
   * FOCUS AvailabilityZone: the availability zone.
   *
   * @return the value; null when absent
   */
  public String availabilityZone() {
    return (String) values[FocusColumn.AVAILABILITY_ZONE.ordinal()];
  }

  /**
   * FOCUS ServiceName: the offering that was purchased.
   *
   * @return the value; never null
   */
  public String serviceName() {
    return (String) values[FocusColumn.SERVICE_NAME.ordinal()];
  }

  /**
   * FOCUS ServiceCategory: the FOCUS service category, e.g. Compute.
   *
   * @return the value; never null
   */
  public String serviceCategory() {
    return (String) values[FocusColumn.SERVICE_CATEGORY.ordinal()];
  }

  /**
   * FOCUS ServiceSubcategory: the FOCUS service subcategory.
   *
   * @return the value; null when absent
   */
  public String serviceSubcategory() {
    return (String) values[FocusColumn.SERVICE_SUBCATEGORY.ordinal()];
  }

  /**
   * FOCUS ResourceId: the provider's id of the resource.
   *
   * @return the value; null when absent
   */
  public String resourceId() {
    return (String) values[FocusColumn.RESOURCE_ID.ordinal()];
  }

  /**
   * FOCUS ResourceName: the display name of the resource.
   *
   * @return the value; null when absent
   */
  public String resourceName() {
    return (String) values[FocusColumn.RESOURCE_NAME.ordinal()];
  }

  /**
   * FOCUS ResourceType: the kind of resource.
   *
   * @return the value; null when absent
   */
  public String resourceType() {
    return (String) values[FocusColumn.RESOURCE_TYPE.ordinal()];
  }

  /**
   * FOCUS SkuId: the provider's SKU id.
   *
   * @return the value; null when absent
   */
  public String skuId() {
    return (String) values[FocusColumn.SKU_ID.ordinal()];
  }

  /**
   * FOCUS SkuPriceId: the id of the SKU price point.
   *
   * @return the value; null when absent
   */
  public String skuPriceId() {
    return (String) values[FocusColumn.SKU_PRICE_ID.ordinal()];
  }

  /**
   * FOCUS SkuMeter: the functionality the SKU meters.
   *
   * @return the value; null when absent
   */
  public String skuMeter() {
    return (String) values[FocusColumn.SKU_METER.ordinal()];
  }

  /**
   * FOCUS SkuPriceDetails: the properties of the SKU price that all its instances share, as a JSON object
   * ({@code {"InstanceType":"m5.large","CoreCount":2}}).
   *
   * @return the JSON object text; null when absent
   */
  public String skuPriceDetails() {
    return (String) values[FocusColumn.SKU_PRICE_DETAILS.ordinal()];
  }

  /**
   * FOCUS PricingCurrency: the national or virtual currency the SKU was priced in.
   *
   * @return the currency code or name; null when absent
   */
  public String pricingCurrency() {
    return (String) values[FocusColumn.PRICING_CURRENCY.ordinal()];
  }

  /**
   * FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyContractedUnitPrice() {
    return (BigDecimal) values[FocusColumn.PRICING_CURRENCY_CONTRACTED_UNIT_PRICE.ordinal()];
  }

  /**
   * FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyEffectiveCost() {
    return (BigDecimal) values[FocusColumn.PRICING_CURRENCY_EFFECTIVE_COST.ordinal()];
  }

  /**
   * FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyListUnitPrice() {
    return (BigDecimal) values[FocusColumn.PRICING_CURRENCY_LIST_UNIT_PRICE.ordinal()];
  }

  /**
   * FOCUS PricingCategory: Standard, Dynamic, Committed or Other.
   *
   * @return the value; null when absent
   */
  public String pricingCategory() {
    return (String) values[FocusColumn.PRICING_CATEGORY.ordinal()];
  }

  /**
   * FOCUS PricingQuantity: the quantity the price applies to.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingQuantity() {
    return (BigDecimal) values[FocusColumn.PRICING_QUANTITY.ordinal()];
  }

  /**
   * FOCUS PricingUnit: the unit of the pricing quantity.
   *
   * @return the value; null when absent
   */
  public String pricingUnit() {
    return (String) values[FocusColumn.PRICING_UNIT.ordinal()];
  }

  /**
   * FOCUS ListUnitPrice: the public unit price.
   *
   * @return the value; null when absent
   */
  public BigDecimal listUnitPrice() {
    return (BigDecimal) values[FocusColumn.LIST_UNIT_PRICE.ordinal()];
  }

  /**
   * FOCUS ContractedUnitPrice: the negotiated unit price.
   *
   * @return the value; null when absent
   */
  public BigDecimal contractedUnitPrice() {
    return (BigDecimal) values[FocusColumn.CONTRACTED_UNIT_PRICE.ordinal()];
  }

  /**
   * FOCUS ConsumedQuantity: the measured usage.
   *
   * @return the value; null when absent
   */
  public BigDecimal consumedQuantity() {
    return (BigDecimal) values[FocusColumn.CONSUMED_QUANTITY.ordinal()];
  }

  /**
   * FOCUS ConsumedUnit: the unit of the consumed quantity.
   *
   * @return the value; null when absent
   */
  public String consumedUnit() {
    return (String) values[FocusColumn.CONSUMED_UNIT.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountId: the reservation, savings plan or committed use discount.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountId() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_ID.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountName: its display name.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountName() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_NAME.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountCategory: Spend or Usage.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountCategory() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_CATEGORY.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountType: the provider's label, e.g. Savings Plan.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountType() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_TYPE.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountStatus: Used or Unused.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountStatus() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_STATUS.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused.
   *
   * @return the value; null when absent
   */
  public BigDecimal commitmentDiscountQuantity() {
    return (BigDecimal) values[FocusColumn.COMMITMENT_DISCOUNT_QUANTITY.ordinal()];
  }

  /**
   * FOCUS CommitmentDiscountUnit: the unit of the commitment discount quantity.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountUnit() {
    return (String) values[FocusColumn.COMMITMENT_DISCOUNT_UNIT.ordinal()];
  }

  /**
   * FOCUS CapacityReservationId: the capacity reservation.
   *
   * @return the value; null when absent
   */
  public String capacityReservationId() {
    return (String) values[FocusColumn.CAPACITY_RESERVATION_ID.ordinal()];
  }

  /**
   * FOCUS CapacityReservationStatus: Used or Unused.
   *
   * @return the value; null when absent
   */
  public String capacityReservationStatus() {
    return (String) values[FocusColumn.CAPACITY_RESERVATION_STATUS.ordinal()];
  }

  /**
   * the source's own id of the line (not a FOCUS column): the key that restated rows share.
   *
   * @return the value; null when absent
   */
  public String lineItemId() {
    return (String) values[FocusColumn.LINE_ITEM_ID.ordinal()];
  }

  /**
   * FOCUS ChargeCategory: the highest-level classification of the charge.
   *
   * @return the value; never null
   */
  public ChargeCategory chargeCategory() {
    return (ChargeCategory) values[FocusColumn.CHARGE_CATEGORY.ordinal()];
  }

  /**
   * FOCUS ChargeFrequency: how often the charge occurs.
   *
   * @return the value; null when absent
   */
  public ChargeFrequency chargeFrequency() {
    return (ChargeFrequency) values[FocusColumn.CHARGE_FREQUENCY.ordinal()];
  }

  /**
   * FOCUS ChargeClass: whether the charge corrects one of a previous billing period (ChargeClass = Correction).
   *
   * @return true if so
   */
  public boolean correction() {
    return (Boolean) values[FocusColumn.CHARGE_CLASS.ordinal()];
  }

  /**
   * FOCUS Tags: the tags or labels on the resource; empty when none.
   *
   * @return the value; never null
   */
  public Map<String, String> tags() {
    return (FrozenTags) values[FocusColumn.TAGS.ordinal()];
  }

  /**
   * The tag keys, for dimension listings.
   *
   * @return the keys; never null
   */
  public Set<String> tagKeys() {
    return tags().keySet();
  }

  /**
   * The key that identifies this line across re-deliveries of the same billing period: {@link #lineItemId()} with the
   * charge period start, category and correction flag when the source has a line id, else every dimension column
   * joined (charge period, account, sub account, resource, SKU, price, category, commitment, description, region,
   * service, tags, correction flag). Restated rows of a provider re-issue share this key with the rows they replace.
   *
   * @return the key; never null
   */
  public String dedupKey() {
    if (lineItemId() != null) {
      return "id:" + lineItemId() + '\u001f' + chargePeriodStart() + '\u001f' + chargeCategory() + '\u001f'
          + correction();
    }
    StringBuilder sb = new StringBuilder(160);
    Object[] parts = {
      providerName(), billingAccountId(), subAccountId(), chargePeriodStart(), chargePeriodEnd(), chargeCategory(),
      correction(), chargeFrequency(), resourceId(), skuId(), skuPriceId(), pricingUnit(), commitmentDiscountId(),
      commitmentDiscountStatus(), capacityReservationId(), regionId(), availabilityZone(), serviceName(),
      chargeDescription(), tags()
    };
    for (Object part : parts) {
      sb.append(part).append('\u001f');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CostRecord)) {
      return false;
    }
    Object[] other = ((CostRecord) o).values;
    for (FocusColumn c : FocusColumn.ALL) {
      if (!c.same(values[c.ordinal()], other[c.ordinal()])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (FocusColumn c : FocusColumn.ALL) {
      h = 31 * h + c.hash(values[c.ordinal()]);
    }
    return h;
  }

  @Override
  public String toString() {
    return "CostRecord{" + providerName() + " " + billingAccountId() + "/" + subAccountId() + " " + serviceName() + " "
        + resourceId() + " " + chargeCategory() + " " + chargePeriodStart() + ".." + chargePeriodEnd() + " billed="
        + billedCost().toPlainString() + " effective=" + effectiveCost().toPlainString() + " " + billingCurrency()
        + "}";
  }

  /**
   * Collects the columns of a {@link CostRecord}; {@link #build()} validates.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final Object[] values = new Object[N];
    private boolean correction;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private FrozenTags sharedTags;

    private Builder() {}

    /** Sets one column (for the table-driven reader); the value must be of the column's kind. */
    Builder set(FocusColumn column, Object value) {
      values[column.ordinal()] = value;
      return this;
    }

    /**
     * Sets FOCUS BilledCost: the amount invoiced for this charge, in the billing currency.
     *
     * @param billedCost the value; never null
     * @return this builder
     */
    public Builder billedCost(BigDecimal billedCost) {
      return set(FocusColumn.BILLED_COST, billedCost);
    }

    /**
     * Sets FOCUS BilledCost: the amount invoiced for this charge, in the billing currency, from decimal text.
     *
     * @param billedCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder billedCost(String billedCost) {
      return set(FocusColumn.BILLED_COST, billedCost == null ? null : decimal(billedCost, "BilledCost"));
    }

    /**
     * Sets FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency.
     *
     * @param effectiveCost the value; never null
     * @return this builder
     */
    public Builder effectiveCost(BigDecimal effectiveCost) {
      return set(FocusColumn.EFFECTIVE_COST, effectiveCost);
    }

    /**
     * Sets FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency, from decimal text.
     *
     * @param effectiveCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder effectiveCost(String effectiveCost) {
      return set(FocusColumn.EFFECTIVE_COST, effectiveCost == null ? null : decimal(effectiveCost, "EffectiveCost"));
    }

    /**
     * Sets FOCUS ListCost: the cost at public list prices, in the billing currency.
     *
     * @param listCost the value; never null
     * @return this builder
     */
    public Builder listCost(BigDecimal listCost) {
      return set(FocusColumn.LIST_COST, listCost);
    }

    /**
     * Sets FOCUS ListCost: the cost at public list prices, in the billing currency, from decimal text.
     *
     * @param listCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder listCost(String listCost) {
      return set(FocusColumn.LIST_COST, listCost == null ? null : decimal(listCost, "ListCost"));
    }

    /**
     * Sets FOCUS ContractedCost: the cost at negotiated prices, in the billing currency.
     *
     * @param contractedCost the value; never null
     * @return this builder
     */
    public Builder contractedCost(BigDecimal contractedCost) {
      return set(FocusColumn.CONTRACTED_COST, contractedCost);
    }

    /**
     * Sets FOCUS ContractedCost: the cost at negotiated prices, in the billing currency, from decimal text.
     *
     * @param contractedCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder contractedCost(String contractedCost) {
      return set(FocusColumn.CONTRACTED_COST, contractedCost == null ? null : decimal(contractedCost, "ContractedCost"));
    }

    /**
     * Sets FOCUS BillingCurrency: the ISO 4217 currency of the cost columns.
     *
     * @param billingCurrency the value; never null
     * @return this builder
     */
    public Builder billingCurrency(Currency billingCurrency) {
      return set(FocusColumn.BILLING_CURRENCY, billingCurrency);
    }

    /**
     * Sets FOCUS BillingAccountId: the account the invoice is issued to.
     *
     * @param billingAccountId the value; never null
     * @return this builder
     */
    public Builder billingAccountId(String billingAccountId) {
      return set(FocusColumn.BILLING_ACCOUNT_ID, billingAccountId);
    }

    /**
     * Sets FOCUS BillingAccountName: the display name of the billing account.
     *
     * @param billingAccountName the value; may be null
     * @return this builder
     */
    public Builder billingAccountName(String billingAccountName) {
      return set(FocusColumn.BILLING_ACCOUNT_NAME, billingAccountName);
    }

    /**
     * Sets FOCUS BillingAccountType: the provider's label for the kind of billing account.
     *
     * @param billingAccountType the value; may be null
     * @return this builder
     */
    public Builder billingAccountType(String billingAccountType) {
      return set(FocusColumn.BILLING_ACCOUNT_TYPE, billingAccountType);
    }

    /**
     * Sets FOCUS BillingPeriodStart: the inclusive start of the billing period (invoice month).
     *
     * @param billingPeriodStart the value; never null
     * @return this builder
     */
    public Builder billingPeriodStart(Instant billingPeriodStart) {
      return set(FocusColumn.BILLING_PERIOD_START, billingPeriodStart);
    }

    /**
     * Sets FOCUS BillingPeriodEnd: the exclusive end of the billing period.
     *
     * @param billingPeriodEnd the value; never null
     * @return this builder
     */
    public Builder billingPeriodEnd(Instant billingPeriodEnd) {
      return set(FocusColumn.BILLING_PERIOD_END, billingPeriodEnd);
    }

    /**
     * Sets FOCUS ChargePeriodStart: the inclusive start of the period the charge applies to.
     *
     * @param chargePeriodStart the value; never null
     * @return this builder
     */
    public Builder chargePeriodStart(Instant chargePeriodStart) {
      return set(FocusColumn.CHARGE_PERIOD_START, chargePeriodStart);
    }

    /**
     * Sets FOCUS ChargePeriodEnd: the exclusive end of the period the charge applies to.
     *
     * @param chargePeriodEnd the value; never null
     * @return this builder
     */
    public Builder chargePeriodEnd(Instant chargePeriodEnd) {
      return set(FocusColumn.CHARGE_PERIOD_END, chargePeriodEnd);
    }

    /**
     * Sets FOCUS ChargeDescription: a human-readable summary of the charge.
     *
     * @param chargeDescription the value; may be null
     * @return this builder
     */
    public Builder chargeDescription(String chargeDescription) {
      return set(FocusColumn.CHARGE_DESCRIPTION, chargeDescription);
    }

    /**
     * Sets FOCUS ProviderName: the provider that made the resources available, e.g. AWS, Microsoft, Google Cloud.
     *
     * @param providerName the value; never null
     * @return this builder
     */
    public Builder providerName(String providerName) {
      return set(FocusColumn.PROVIDER_NAME, providerName);
    }

    /**
     * Sets FOCUS PublisherName: the entity that produced the resources.
     *
     * @param publisherName the value; may be null
     * @return this builder
     */
    public Builder publisherName(String publisherName) {
      return set(FocusColumn.PUBLISHER_NAME, publisherName);
    }

    /**
     * Sets FOCUS InvoiceIssuerName: the entity responsible for invoicing.
     *
     * @param invoiceIssuerName the value; may be null
     * @return this builder
     */
    public Builder invoiceIssuerName(String invoiceIssuerName) {
      return set(FocusColumn.INVOICE_ISSUER_NAME, invoiceIssuerName);
    }

    /**
     * Sets FOCUS InvoiceId: the invoice this charge is on.
     *
     * @param invoiceId the value; may be null
     * @return this builder
     */
    public Builder invoiceId(String invoiceId) {
      return set(FocusColumn.INVOICE_ID, invoiceId);
    }

    /**
     * Sets FOCUS SubAccountId: the sub account (AWS account, Azure subscription, GCP project).
     *
     * @param subAccountId the value; may be null
     * @return this builder
     */
    public Builder subAccountId(String subAccountId) {
      return set(FocusColumn.SUB_ACCOUNT_ID, subAccountId);
    }

    /**
     * Sets FOCUS SubAccountName: the display name of the sub account.
     *
     * @param subAccountName the value; may be null
     * @return this builder
     */
    public Builder subAccountName(String subAccountName) {
      return set(FocusColumn.SUB_ACCOUNT_NAME, subAccountName);
    }

    /**
     * Sets FOCUS SubAccountType: the provider's label for the kind of sub account.
     *
     * @param subAccountType the value; may be null
     * @return this builder
     */
    public Builder subAccountType(String subAccountType) {
      return set(FocusColumn.SUB_ACCOUNT_TYPE, subAccountType);
    }

    /**
     * Sets FOCUS RegionId: the provider's region id.
     *
     * @param regionId the value; may be null
     * @return this builder
     */
    public Builder regionId(String regionId) {
      return set(FocusColumn.REGION_ID, regionId);
    }

    /**
     * Sets FOCUS RegionName: the region display name.
     *
     * @param regionName the value; may be null
     * @return this builder
     */
    public Builder regionName(String regionName) {
      return set(FocusColumn.REGION_NAME, regionName);
    }

    /**
     * Sets FOCUS AvailabilityZone: the availability zone.
     *
     * @param availabilityZone the value; may be null
     * @return this builder
     */
    public Builder availabilityZone(String availabilityZone) {
      return set(FocusColumn.AVAILABILITY_ZONE, availabilityZone);
    }

    /**
     * Sets FOCUS ServiceName: the offering that was purchased.
     *
     * @param serviceName the value; never null
     * @return this builder
     */
    public Builder serviceName(String serviceName) {
      return set(FocusColumn.SERVICE_NAME, serviceName);
    }

    /**
     * Sets FOCUS ServiceCategory: the FOCUS service category, e.g. Compute.
     *
     * @param serviceCategory the value; never null
     * @return this builder
     */
    public Builder serviceCategory(String serviceCategory) {
      return set(FocusColumn.SERVICE_CATEGORY, serviceCategory);
    }

    /**
     * Sets FOCUS ServiceSubcategory: the FOCUS service subcategory.
     *
     * @param serviceSubcategory the value; may be null
     * @return this builder
     */
    public Builder serviceSubcategory(String serviceSubcategory) {
      return set(FocusColumn.SERVICE_SUBCATEGORY, serviceSubcategory);
    }

    /**
     * Sets FOCUS ResourceId: the provider's id of the resource.
     *
     * @param resourceId the value; may be null
     * @return this builder
     */
    public Builder resourceId(String resourceId) {
      return set(FocusColumn.RESOURCE_ID, resourceId);
    }

    /**
     * Sets FOCUS ResourceName: the display name of the resource.
     *
     * @param resourceName the value; may be null
     * @return this builder
     */
    public Builder resourceName(String resourceName) {
      return set(FocusColumn.RESOURCE_NAME, resourceName);
    }

    /**
     * Sets FOCUS ResourceType: the kind of resource.
     *
     * @param resourceType the value; may be null
     * @return this builder
     */
    public Builder resourceType(String resourceType) {
      return set(FocusColumn.RESOURCE_TYPE, resourceType);
    }

    /**
     * Sets FOCUS SkuId: the provider's SKU id.
     *
     * @param skuId the value; may be null
     * @return this builder
     */
    public Builder skuId(String skuId) {
      return set(FocusColumn.SKU_ID, skuId);
    }

    /**
     * Sets FOCUS SkuPriceId: the id of the SKU price point.
     *
     * @param skuPriceId the value; may be null
     * @return this builder
     */
    public Builder skuPriceId(String skuPriceId) {
      return set(FocusColumn.SKU_PRICE_ID, skuPriceId);
    }

    /**
     * Sets FOCUS SkuMeter: the functionality the SKU meters.
     *
     * @param skuMeter the value; may be null
     * @return this builder
     */
    public Builder skuMeter(String skuMeter) {
      return set(FocusColumn.SKU_METER, skuMeter);
    }

    /**
     * Sets FOCUS SkuPriceDetails: the SKU price's shared properties as a JSON object text.
     *
     * @param skuPriceDetails the JSON object text; may be null
     * @return this builder
     */
    public Builder skuPriceDetails(String skuPriceDetails) {
      return set(FocusColumn.SKU_PRICE_DETAILS, skuPriceDetails);
    }

    /**
     * Sets FOCUS PricingCurrency: the national or virtual currency the SKU was priced in.
     *
     * @param pricingCurrency the currency code or name; may be null
     * @return this builder
     */
    public Builder pricingCurrency(String pricingCurrency) {
      return set(FocusColumn.PRICING_CURRENCY, pricingCurrency);
    }

    /**
     * Sets FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency.
     *
     * @param pricingCurrencyContractedUnitPrice the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyContractedUnitPrice(BigDecimal pricingCurrencyContractedUnitPrice) {
      return set(FocusColumn.PRICING_CURRENCY_CONTRACTED_UNIT_PRICE, pricingCurrencyContractedUnitPrice);
    }

    /**
     * Sets FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyContractedUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyContractedUnitPrice(String pricingCurrencyContractedUnitPrice) {
      return set(FocusColumn.PRICING_CURRENCY_CONTRACTED_UNIT_PRICE, pricingCurrencyContractedUnitPrice == null ? null : decimal(pricingCurrencyContractedUnitPrice, "PricingCurrencyContractedUnitPrice"));
    }

    /**
     * Sets FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency.
     *
     * @param pricingCurrencyEffectiveCost the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyEffectiveCost(BigDecimal pricingCurrencyEffectiveCost) {
      return set(FocusColumn.PRICING_CURRENCY_EFFECTIVE_COST, pricingCurrencyEffectiveCost);
    }

    /**
     * Sets FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyEffectiveCost decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyEffectiveCost(String pricingCurrencyEffectiveCost) {
      return set(FocusColumn.PRICING_CURRENCY_EFFECTIVE_COST, pricingCurrencyEffectiveCost == null ? null : decimal(pricingCurrencyEffectiveCost, "PricingCurrencyEffectiveCost"));
    }

    /**
     * Sets FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency.
     *
     * @param pricingCurrencyListUnitPrice the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyListUnitPrice(BigDecimal pricingCurrencyListUnitPrice) {
      return set(FocusColumn.PRICING_CURRENCY_LIST_UNIT_PRICE, pricingCurrencyListUnitPrice);
    }

    /**
     * Sets FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyListUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyListUnitPrice(String pricingCurrencyListUnitPrice) {
      return set(FocusColumn.PRICING_CURRENCY_LIST_UNIT_PRICE, pricingCurrencyListUnitPrice == null ? null : decimal(pricingCurrencyListUnitPrice, "PricingCurrencyListUnitPrice"));
    }

    /**
     * Sets FOCUS PricingCategory: Standard, Dynamic, Committed or Other.
     *
     * @param pricingCategory the value; may be null
     * @return this builder
     */
    public Builder pricingCategory(String pricingCategory) {
      return set(FocusColumn.PRICING_CATEGORY, pricingCategory);
    }

    /**
     * Sets FOCUS PricingQuantity: the quantity the price applies to.
     *
     * @param pricingQuantity the value; may be null
     * @return this builder
     */
    public Builder pricingQuantity(BigDecimal pricingQuantity) {
      return set(FocusColumn.PRICING_QUANTITY, pricingQuantity);
    }

    /**
     * Sets FOCUS PricingQuantity: the quantity the price applies to, from decimal text.
     *
     * @param pricingQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingQuantity(String pricingQuantity) {
      return set(FocusColumn.PRICING_QUANTITY, pricingQuantity == null ? null : decimal(pricingQuantity, "PricingQuantity"));
    }

    /**
     * Sets FOCUS PricingUnit: the unit of the pricing quantity.
     *
     * @param pricingUnit the value; may be null
     * @return this builder
     */
    public Builder pricingUnit(String pricingUnit) {
      return set(FocusColumn.PRICING_UNIT, pricingUnit);
    }

    /**
     * Sets FOCUS ListUnitPrice: the public unit price.
     *
     * @param listUnitPrice the value; may be null
     * @return this builder
     */
    public Builder listUnitPrice(BigDecimal listUnitPrice) {
      return set(FocusColumn.LIST_UNIT_PRICE, listUnitPrice);
    }

    /**
     * Sets FOCUS ListUnitPrice: the public unit price, from decimal text.
     *
     * @param listUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder listUnitPrice(String listUnitPrice) {
      return set(FocusColumn.LIST_UNIT_PRICE, listUnitPrice == null ? null : decimal(listUnitPrice, "ListUnitPrice"));
    }

    /**
     * Sets FOCUS ContractedUnitPrice: the negotiated unit price.
     *
     * @param contractedUnitPrice the value; may be null
     * @return this builder
     */
    public Builder contractedUnitPrice(BigDecimal contractedUnitPrice) {
      return set(FocusColumn.CONTRACTED_UNIT_PRICE, contractedUnitPrice);
    }

    /**
     * Sets FOCUS ContractedUnitPrice: the negotiated unit price, from decimal text.
     *
     * @param contractedUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder contractedUnitPrice(String contractedUnitPrice) {
      return set(FocusColumn.CONTRACTED_UNIT_PRICE, contractedUnitPrice == null ? null : decimal(contractedUnitPrice, "ContractedUnitPrice"));
    }

    /**
     * Sets FOCUS ConsumedQuantity: the measured usage.
     *
     * @param consumedQuantity the value; may be null
     * @return this builder
     */
    public Builder consumedQuantity(BigDecimal consumedQuantity) {
      return set(FocusColumn.CONSUMED_QUANTITY, consumedQuantity);
    }

    /**
     * Sets FOCUS ConsumedQuantity: the measured usage, from decimal text.
     *
     * @param consumedQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder consumedQuantity(String consumedQuantity) {
      return set(FocusColumn.CONSUMED_QUANTITY, consumedQuantity == null ? null : decimal(consumedQuantity, "ConsumedQuantity"));
    }

    /**
     * Sets FOCUS ConsumedUnit: the unit of the consumed quantity.
     *
     * @param consumedUnit the value; may be null
     * @return this builder
     */
    public Builder consumedUnit(String consumedUnit) {
      return set(FocusColumn.CONSUMED_UNIT, consumedUnit);
    }

    /**
     * Sets FOCUS CommitmentDiscountId: the reservation, savings plan or committed use discount.
     *
     * @param commitmentDiscountId the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountId(String commitmentDiscountId) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_ID, commitmentDiscountId);
    }

    /**
     * Sets FOCUS CommitmentDiscountName: its display name.
     *
     * @param commitmentDiscountName the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountName(String commitmentDiscountName) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_NAME, commitmentDiscountName);
    }

    /**
     * Sets FOCUS CommitmentDiscountCategory: Spend or Usage.
     *
     * @param commitmentDiscountCategory the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountCategory(String commitmentDiscountCategory) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_CATEGORY, commitmentDiscountCategory);
    }

    /**
     * Sets FOCUS CommitmentDiscountType: the provider's label, e.g. Savings Plan.
     *
     * @param commitmentDiscountType the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountType(String commitmentDiscountType) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_TYPE, commitmentDiscountType);
    }

    /**
     * Sets FOCUS CommitmentDiscountStatus: Used or Unused.
     *
     * @param commitmentDiscountStatus the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountStatus(String commitmentDiscountStatus) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_STATUS, commitmentDiscountStatus);
    }

    /**
     * Sets FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused.
     *
     * @param commitmentDiscountQuantity the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountQuantity(BigDecimal commitmentDiscountQuantity) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_QUANTITY, commitmentDiscountQuantity);
    }

    /**
     * Sets FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused, from decimal text.
     *
     * @param commitmentDiscountQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder commitmentDiscountQuantity(String commitmentDiscountQuantity) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_QUANTITY, commitmentDiscountQuantity == null ? null : decimal(commitmentDiscountQuantity, "CommitmentDiscountQuantity"));
    }

    /**
     * Sets FOCUS CommitmentDiscountUnit: the unit of the commitment discount quantity.
     *
     * @param commitmentDiscountUnit the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountUnit(String commitmentDiscountUnit) {
      return set(FocusColumn.COMMITMENT_DISCOUNT_UNIT, commitmentDiscountUnit);
    }

    /**
     * Sets FOCUS CapacityReservationId: the capacity reservation.
     *
     * @param capacityReservationId the value; may be null
     * @return this builder
     */
    public Builder capacityReservationId(String capacityReservationId) {
      return set(FocusColumn.CAPACITY_RESERVATION_ID, capacityReservationId);
    }

    /**
     * Sets FOCUS CapacityReservationStatus: Used or Unused.
     *
     * @param capacityReservationStatus the value; may be null
     * @return this builder
     */
    public Builder capacityReservationStatus(String capacityReservationStatus) {
      return set(FocusColumn.CAPACITY_RESERVATION_STATUS, capacityReservationStatus);
    }

    /**
     * Sets the source's own id of the line (not a FOCUS column): the key that restated rows share.
     *
     * @param lineItemId the value; may be null
     * @return this builder
     */
    public Builder lineItemId(String lineItemId) {
      return set(FocusColumn.LINE_ITEM_ID, lineItemId);
    }

    /**
     * Sets FOCUS ChargeCategory: the highest-level classification of the charge.
     *
     * @param chargeCategory the value; never null
     * @return this builder
     */
    public Builder chargeCategory(ChargeCategory chargeCategory) {
      return set(FocusColumn.CHARGE_CATEGORY, chargeCategory);
    }

    /**
     * Sets FOCUS ChargeFrequency: how often the charge occurs.
     *
     * @param chargeFrequency the value; may be null
     * @return this builder
     */
    public Builder chargeFrequency(ChargeFrequency chargeFrequency) {
      return set(FocusColumn.CHARGE_FREQUENCY, chargeFrequency);
    }

    /**
     * Sets FOCUS ChargeClass: whether the charge corrects one of a previous billing period (ChargeClass = Correction).
     *
     * @param correction the value; true for a correction
     * @return this builder
     */
    public Builder correction(boolean correction) {
      this.correction = correction;
      return this;
    }

    /**
     * Replaces the tags.
     *
     * @param tags the tags; never null
     * @return this builder
     */
    public Builder tags(Map<String, String> tags) {
      Objects.requireNonNull(tags, "Tags must not be null (use an empty map)");
      this.tags.clear();
      if (tags instanceof FrozenTags) {
        this.sharedTags = (FrozenTags) tags;
      } else {
        this.sharedTags = null;
        this.tags.putAll(tags);
      }
      return this;
    }

    /**
     * Adds one tag.
     *
     * @param key the key; never null
     * @param value the value; never null
     * @return this builder
     */
    public Builder tag(String key, String value) {
      if (sharedTags != null) {
        tags.putAll(sharedTags);
        sharedTags = null;
      }
      tags.put(Objects.requireNonNull(key, "tag key"), Objects.requireNonNull(value, "tag value"));
      return this;
    }

    /**
     * Sets the charge period.
     *
     * @param start inclusive start; never null
     * @param end exclusive end; never null
     * @return this builder
     */
    public Builder chargePeriod(Instant start, Instant end) {
      set(FocusColumn.CHARGE_PERIOD_START, start);
      return set(FocusColumn.CHARGE_PERIOD_END, end);
    }

    /**
     * Sets the billing period.
     *
     * @param period the period; never null
     * @return this builder
     */
    public Builder billingPeriod(BillingPeriod period) {
      set(FocusColumn.BILLING_PERIOD_START, period.start());
      return set(FocusColumn.BILLING_PERIOD_END, period.end());
    }

    /**
     * Sets all four cost columns to the same amount (an on-demand charge with no discount).
     *
     * @param cost the amount; never null
     * @return this builder
     */
    public Builder allCosts(BigDecimal cost) {
      Objects.requireNonNull(cost, "cost");
      set(FocusColumn.BILLED_COST, cost);
      set(FocusColumn.EFFECTIVE_COST, cost);
      set(FocusColumn.LIST_COST, cost);
      return set(FocusColumn.CONTRACTED_COST, cost);
    }

    private static BigDecimal decimal(String text, String column) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(column + " must be a decimal number, got '" + text + "'", e);
      }
    }

    /**
     * Validates and builds.
     *
     * @return the record; never null
     * @throws NullPointerException if a mandatory column is missing
     * @throws IllegalArgumentException if a rule is broken
     */
    public CostRecord build() {
      return new CostRecord(this);
    }
  }
}
