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
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostRecord {
  private final BigDecimal billedCost;
  private final BigDecimal effectiveCost;
  private final BigDecimal listCost;
  private final BigDecimal contractedCost;
  private final Currency billingCurrency;
  private final ChargeCategory chargeCategory;
  private final boolean correction;
  private final String chargeDescription;
  private final ChargeFrequency chargeFrequency;
  private final Instant chargePeriodStart;
  private final Instant chargePeriodEnd;
  private final Instant billingPeriodStart;
  private final Instant billingPeriodEnd;
  private final String providerName;
  private final String publisherName;
  private final String invoiceIssuerName;
  private final String invoiceId;
  private final String billingAccountId;
  private final String billingAccountName;
  private final String billingAccountType;
  private final String subAccountId;
  private final String subAccountName;
  private final String subAccountType;
  private final String regionId;
  private final String regionName;
  private final String availabilityZone;
  private final String serviceName;
  private final String serviceCategory;
  private final String serviceSubcategory;
  private final String resourceId;
  private final String resourceName;
  private final String resourceType;
  private final String skuId;
  private final String skuPriceId;
  private final String skuMeter;
  private final String skuPriceDetails;
  private final String pricingCategory;
  private final BigDecimal pricingQuantity;
  private final String pricingUnit;
  private final BigDecimal listUnitPrice;
  private final BigDecimal contractedUnitPrice;
  private final String pricingCurrency;
  private final BigDecimal pricingCurrencyContractedUnitPrice;
  private final BigDecimal pricingCurrencyEffectiveCost;
  private final BigDecimal pricingCurrencyListUnitPrice;
  private final BigDecimal consumedQuantity;
  private final String consumedUnit;
  private final String commitmentDiscountId;
  private final String commitmentDiscountName;
  private final String commitmentDiscountCategory;
  private final String commitmentDiscountType;
  private final String commitmentDiscountStatus;
  private final BigDecimal commitmentDiscountQuantity;
  private final String commitmentDiscountUnit;
  private final String capacityReservationId;
  private final String capacityReservationStatus;
  private final Map<String, String> tags;
  private final String lineItemId;

  private CostRecord(Builder b) {
    this.billedCost = Objects.requireNonNull(b.billedCost, "BilledCost is mandatory and must not be null");
    this.effectiveCost = Objects.requireNonNull(b.effectiveCost, "EffectiveCost is mandatory and must not be null");
    this.listCost = Objects.requireNonNull(b.listCost, "ListCost is mandatory and must not be null");
    this.contractedCost = Objects.requireNonNull(b.contractedCost, "ContractedCost is mandatory and must not be null");
    this.billingCurrency = Objects.requireNonNull(b.billingCurrency, "BillingCurrency is mandatory and must not be null");
    this.chargeCategory = Objects.requireNonNull(b.chargeCategory, "ChargeCategory is mandatory and must not be null");
    this.correction = b.correction;
    this.chargeDescription = b.chargeDescription;
    this.chargeFrequency = b.chargeFrequency;
    this.chargePeriodStart = Objects.requireNonNull(b.chargePeriodStart, "ChargePeriodStart is mandatory and must not be null");
    this.chargePeriodEnd = Objects.requireNonNull(b.chargePeriodEnd, "ChargePeriodEnd is mandatory and must not be null");
    this.billingPeriodStart = Objects.requireNonNull(b.billingPeriodStart, "BillingPeriodStart is mandatory and must not be null");
    this.billingPeriodEnd = Objects.requireNonNull(b.billingPeriodEnd, "BillingPeriodEnd is mandatory and must not be null");
    this.providerName = Objects.requireNonNull(b.providerName, "ProviderName is mandatory and must not be null");
    this.publisherName = b.publisherName;
    this.invoiceIssuerName = b.invoiceIssuerName;
    this.invoiceId = b.invoiceId;
    this.billingAccountId = Objects.requireNonNull(b.billingAccountId, "BillingAccountId is mandatory and must not be null");
    this.billingAccountName = b.billingAccountName;
    this.billingAccountType = b.billingAccountType;
    this.subAccountId = b.subAccountId;
    this.subAccountName = b.subAccountName;
    this.subAccountType = b.subAccountType;
    this.regionId = b.regionId;
    this.regionName = b.regionName;
    this.availabilityZone = b.availabilityZone;
    this.serviceName = Objects.requireNonNull(b.serviceName, "ServiceName is mandatory and must not be null");
    this.serviceCategory = Objects.requireNonNull(b.serviceCategory, "ServiceCategory is mandatory and must not be null");
    this.serviceSubcategory = b.serviceSubcategory;
    this.resourceId = b.resourceId;
    this.resourceName = b.resourceName;
    this.resourceType = b.resourceType;
    this.skuId = b.skuId;
    this.skuPriceId = b.skuPriceId;
    this.skuMeter = b.skuMeter;
    this.skuPriceDetails = b.skuPriceDetails;
    if (skuPriceDetails != null
        && (!skuPriceDetails.startsWith("{") || !skuPriceDetails.endsWith("}"))) {
      throw new IllegalArgumentException(
          "SkuPriceDetails must be a JSON object, got '" + skuPriceDetails + "'");
    }
    this.pricingCategory = b.pricingCategory;
    this.pricingQuantity = b.pricingQuantity;
    this.pricingUnit = b.pricingUnit;
    this.listUnitPrice = b.listUnitPrice;
    this.contractedUnitPrice = b.contractedUnitPrice;
    this.pricingCurrency = b.pricingCurrency;
    this.pricingCurrencyContractedUnitPrice = b.pricingCurrencyContractedUnitPrice;
    this.pricingCurrencyEffectiveCost = b.pricingCurrencyEffectiveCost;
    this.pricingCurrencyListUnitPrice = b.pricingCurrencyListUnitPrice;
    if (pricingCurrency == null
        && (pricingCurrencyContractedUnitPrice != null || pricingCurrencyEffectiveCost != null
            || pricingCurrencyListUnitPrice != null)) {
      throw new IllegalArgumentException(
          "PricingCurrency must not be null when a PricingCurrency* price or cost is set");
    }
    this.consumedQuantity = b.consumedQuantity;
    this.consumedUnit = b.consumedUnit;
    this.commitmentDiscountId = b.commitmentDiscountId;
    this.commitmentDiscountName = b.commitmentDiscountName;
    this.commitmentDiscountCategory = b.commitmentDiscountCategory;
    this.commitmentDiscountType = b.commitmentDiscountType;
    this.commitmentDiscountStatus = b.commitmentDiscountStatus;
    this.commitmentDiscountQuantity = b.commitmentDiscountQuantity;
    this.commitmentDiscountUnit = b.commitmentDiscountUnit;
    this.capacityReservationId = b.capacityReservationId;
    this.capacityReservationStatus = b.capacityReservationStatus;
    this.tags = b.sharedTags != null ? b.sharedTags : FrozenTags.copyOf(b.tags);
    this.lineItemId = b.lineItemId;
    requireWholeSeconds(chargePeriodStart, "ChargePeriodStart");
    requireWholeSeconds(chargePeriodEnd, "ChargePeriodEnd");
    requireWholeSeconds(billingPeriodStart, "BillingPeriodStart");
    requireWholeSeconds(billingPeriodEnd, "BillingPeriodEnd");
    if (chargePeriodEnd.isBefore(chargePeriodStart)) {
      throw new IllegalArgumentException(
          "ChargePeriodEnd must not be before ChargePeriodStart " + chargePeriodStart + ", got " + chargePeriodEnd);
    }
    if (!billingPeriodEnd.isAfter(billingPeriodStart)) {
      throw new IllegalArgumentException(
          "BillingPeriodEnd must be after BillingPeriodStart " + billingPeriodStart + ", got " + billingPeriodEnd);
    }
    requireText(providerName, "ProviderName");
    requireText(billingAccountId, "BillingAccountId");
    requireText(serviceName, "ServiceName");
    requireText(serviceCategory, "ServiceCategory");
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey() == null || tag.getKey().isBlank() || tag.getValue() == null) {
        throw new IllegalArgumentException("Tags must have non-blank keys and non-null values, got " + tag);
      }
    }
  }

  private static void requireWholeSeconds(Instant value, String column) {
    if (value.getNano() != 0) {
      throw new IllegalArgumentException(
          column + " must be a whole second (FOCUS date/time is YYYY-MM-DDTHH:mm:ssZ), got " + value);
    }
  }

  private static void requireText(String value, String column) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(column + " is mandatory and must not be blank, got '" + value + "'");
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
    b.billedCost = billedCost;
    b.effectiveCost = effectiveCost;
    b.listCost = listCost;
    b.contractedCost = contractedCost;
    b.billingCurrency = billingCurrency;
    b.chargeCategory = chargeCategory;
    b.correction = correction;
    b.chargeDescription = chargeDescription;
    b.chargeFrequency = chargeFrequency;
    b.chargePeriodStart = chargePeriodStart;
    b.chargePeriodEnd = chargePeriodEnd;
    b.billingPeriodStart = billingPeriodStart;
    b.billingPeriodEnd = billingPeriodEnd;
    b.providerName = providerName;
    b.publisherName = publisherName;
    b.invoiceIssuerName = invoiceIssuerName;
    b.invoiceId = invoiceId;
    b.billingAccountId = billingAccountId;
    b.billingAccountName = billingAccountName;
    b.billingAccountType = billingAccountType;
    b.subAccountId = subAccountId;
    b.subAccountName = subAccountName;
    b.subAccountType = subAccountType;
    b.regionId = regionId;
    b.regionName = regionName;
    b.availabilityZone = availabilityZone;
    b.serviceName = serviceName;
    b.serviceCategory = serviceCategory;
    b.serviceSubcategory = serviceSubcategory;
    b.resourceId = resourceId;
    b.resourceName = resourceName;
    b.resourceType = resourceType;
    b.skuId = skuId;
    b.skuPriceId = skuPriceId;
    b.skuMeter = skuMeter;
    b.skuPriceDetails = skuPriceDetails;
    b.pricingCategory = pricingCategory;
    b.pricingQuantity = pricingQuantity;
    b.pricingUnit = pricingUnit;
    b.listUnitPrice = listUnitPrice;
    b.contractedUnitPrice = contractedUnitPrice;
    b.pricingCurrency = pricingCurrency;
    b.pricingCurrencyContractedUnitPrice = pricingCurrencyContractedUnitPrice;
    b.pricingCurrencyEffectiveCost = pricingCurrencyEffectiveCost;
    b.pricingCurrencyListUnitPrice = pricingCurrencyListUnitPrice;
    b.consumedQuantity = consumedQuantity;
    b.consumedUnit = consumedUnit;
    b.commitmentDiscountId = commitmentDiscountId;
    b.commitmentDiscountName = commitmentDiscountName;
    b.commitmentDiscountCategory = commitmentDiscountCategory;
    b.commitmentDiscountType = commitmentDiscountType;
    b.commitmentDiscountStatus = commitmentDiscountStatus;
    b.commitmentDiscountQuantity = commitmentDiscountQuantity;
    b.commitmentDiscountUnit = commitmentDiscountUnit;
    b.capacityReservationId = capacityReservationId;
    b.capacityReservationStatus = capacityReservationStatus;
    b.sharedTags = (FrozenTags) tags;
    b.lineItemId = lineItemId;
    return b;
  }

  /**
   * FOCUS BilledCost: the amount invoiced for this charge, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal billedCost() {
    return billedCost;
  }

  /**
   * FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal effectiveCost() {
    return effectiveCost;
  }

  /**
   * FOCUS ListCost: the cost at public list prices, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal listCost() {
    return listCost;
  }

  /**
   * FOCUS ContractedCost: the cost at negotiated prices, in the billing currency.
   *
   * @return the value; never null
   */
  public BigDecimal contractedCost() {
    return contractedCost;
  }

  /**
   * FOCUS BillingCurrency: the ISO 4217 currency of the cost columns.
   *
   * @return the value; never null
   */
  public Currency billingCurrency() {
    return billingCurrency;
  }

  /**
   * FOCUS ChargeCategory: the highest-level classification of the charge.
   *
   * @return the value; never null
   */
  public ChargeCategory chargeCategory() {
    return chargeCategory;
  }

  /**
   * FOCUS ChargeClass: whether the charge corrects one of a previous billing period (ChargeClass = Correction).
   *
   * @return true if so
   */
  public boolean correction() {
    return correction;
  }

  /**
   * FOCUS ChargeDescription: a human-readable summary of the charge.
   *
   * @return the value; null when absent
   */
  public String chargeDescription() {
    return chargeDescription;
  }

  /**
   * FOCUS ChargeFrequency: how often the charge occurs.
   *
   * @return the value; null when absent
   */
  public ChargeFrequency chargeFrequency() {
    return chargeFrequency;
  }

  /**
   * FOCUS ChargePeriodStart: the inclusive start of the period the charge applies to.
   *
   * @return the value; never null
   */
  public Instant chargePeriodStart() {
    return chargePeriodStart;
  }

  /**
   * FOCUS ChargePeriodEnd: the exclusive end of the period the charge applies to.
   *
   * @return the value; never null
   */
  public Instant chargePeriodEnd() {
    return chargePeriodEnd;
  }

  /**
   * FOCUS BillingPeriodStart: the inclusive start of the billing period (invoice month).
   *
   * @return the value; never null
   */
  public Instant billingPeriodStart() {
    return billingPeriodStart;
  }

  /**
   * FOCUS BillingPeriodEnd: the exclusive end of the billing period.
   *
   * @return the value; never null
   */
  public Instant billingPeriodEnd() {
    return billingPeriodEnd;
  }

  /**
   * FOCUS ProviderName: the provider that made the resources available, e.g. AWS, Microsoft, Google Cloud.
   *
   * @return the value; never null
   */
  public String providerName() {
    return providerName;
  }

  /**
   * FOCUS PublisherName: the entity that produced the resources.
   *
   * @return the value; null when absent
   */
  public String publisherName() {
    return publisherName;
  }

  /**
   * FOCUS InvoiceIssuerName: the entity responsible for invoicing.
   *
   * @return the value; null when absent
   */
  public String invoiceIssuerName() {
    return invoiceIssuerName;
  }

  /**
   * FOCUS InvoiceId: the invoice this charge is on.
   *
   * @return the value; null when absent
   */
  public String invoiceId() {
    return invoiceId;
  }

  /**
   * FOCUS BillingAccountId: the account the invoice is issued to.
   *
   * @return the value; never null
   */
  public String billingAccountId() {
    return billingAccountId;
  }

  /**
   * FOCUS BillingAccountName: the display name of the billing account.
   *
   * @return the value; null when absent
   */
  public String billingAccountName() {
    return billingAccountName;
  }

  /**
   * FOCUS BillingAccountType: the provider's label for the kind of billing account.
   *
   * @return the value; null when absent
   */
  public String billingAccountType() {
    return billingAccountType;
  }

  /**
   * FOCUS SubAccountId: the sub account (AWS account, Azure subscription, GCP project).
   *
   * @return the value; null when absent
   */
  public String subAccountId() {
    return subAccountId;
  }

  /**
   * FOCUS SubAccountName: the display name of the sub account.
   *
   * @return the value; null when absent
   */
  public String subAccountName() {
    return subAccountName;
  }

  /**
   * FOCUS SubAccountType: the provider's label for the kind of sub account.
   *
   * @return the value; null when absent
   */
  public String subAccountType() {
    return subAccountType;
  }

  /**
   * FOCUS RegionId: the provider's region id.
   *
   * @return the value; null when absent
   */
  public String regionId() {
    return regionId;
  }

  /**
   * FOCUS RegionName: the region display name.
   *
   * @return the value; null when absent
   */
  public String regionName() {
    return regionName;
  }

  /**
   * FOCUS AvailabilityZone: the availability zone.
   *
   * @return the value; null when absent
   */
  public String availabilityZone() {
    return availabilityZone;
  }

  /**
   * FOCUS ServiceName: the offering that was purchased.
   *
   * @return the value; never null
   */
  public String serviceName() {
    return serviceName;
  }

  /**
   * FOCUS ServiceCategory: the FOCUS service category, e.g. Compute.
   *
   * @return the value; never null
   */
  public String serviceCategory() {
    return serviceCategory;
  }

  /**
   * FOCUS ServiceSubcategory: the FOCUS service subcategory.
   *
   * @return the value; null when absent
   */
  public String serviceSubcategory() {
    return serviceSubcategory;
  }

  /**
   * FOCUS ResourceId: the provider's id of the resource.
   *
   * @return the value; null when absent
   */
  public String resourceId() {
    return resourceId;
  }

  /**
   * FOCUS ResourceName: the display name of the resource.
   *
   * @return the value; null when absent
   */
  public String resourceName() {
    return resourceName;
  }

  /**
   * FOCUS ResourceType: the kind of resource.
   *
   * @return the value; null when absent
   */
  public String resourceType() {
    return resourceType;
  }

  /**
   * FOCUS SkuId: the provider's SKU id.
   *
   * @return the value; null when absent
   */
  public String skuId() {
    return skuId;
  }

  /**
   * FOCUS SkuPriceId: the id of the SKU price point.
   *
   * @return the value; null when absent
   */
  public String skuPriceId() {
    return skuPriceId;
  }

  /**
   * FOCUS SkuMeter: the functionality the SKU meters.
   *
   * @return the value; null when absent
   */
  public String skuMeter() {
    return skuMeter;
  }

  /**
   * FOCUS SkuPriceDetails: the properties of the SKU price that all its instances share, as a JSON object
   * ({@code {"InstanceType":"m5.large","CoreCount":2}}).
   *
   * @return the JSON object text; null when absent
   */
  public String skuPriceDetails() {
    return skuPriceDetails;
  }

  /**
   * FOCUS PricingCategory: Standard, Dynamic, Committed or Other.
   *
   * @return the value; null when absent
   */
  public String pricingCategory() {
    return pricingCategory;
  }

  /**
   * FOCUS PricingQuantity: the quantity the price applies to.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingQuantity() {
    return pricingQuantity;
  }

  /**
   * FOCUS PricingUnit: the unit of the pricing quantity.
   *
   * @return the value; null when absent
   */
  public String pricingUnit() {
    return pricingUnit;
  }

  /**
   * FOCUS ListUnitPrice: the public unit price.
   *
   * @return the value; null when absent
   */
  public BigDecimal listUnitPrice() {
    return listUnitPrice;
  }

  /**
   * FOCUS ContractedUnitPrice: the negotiated unit price.
   *
   * @return the value; null when absent
   */
  public BigDecimal contractedUnitPrice() {
    return contractedUnitPrice;
  }

  /**
   * FOCUS PricingCurrency: the national or virtual currency the SKU was priced in.
   *
   * @return the currency code or name; null when absent
   */
  public String pricingCurrency() {
    return pricingCurrency;
  }

  /**
   * FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyContractedUnitPrice() {
    return pricingCurrencyContractedUnitPrice;
  }

  /**
   * FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyEffectiveCost() {
    return pricingCurrencyEffectiveCost;
  }

  /**
   * FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency.
   *
   * @return the value; null when absent
   */
  public BigDecimal pricingCurrencyListUnitPrice() {
    return pricingCurrencyListUnitPrice;
  }

  /**
   * FOCUS ConsumedQuantity: the measured usage.
   *
   * @return the value; null when absent
   */
  public BigDecimal consumedQuantity() {
    return consumedQuantity;
  }

  /**
   * FOCUS ConsumedUnit: the unit of the consumed quantity.
   *
   * @return the value; null when absent
   */
  public String consumedUnit() {
    return consumedUnit;
  }

  /**
   * FOCUS CommitmentDiscountId: the reservation, savings plan or committed use discount.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountId() {
    return commitmentDiscountId;
  }

  /**
   * FOCUS CommitmentDiscountName: its display name.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountName() {
    return commitmentDiscountName;
  }

  /**
   * FOCUS CommitmentDiscountCategory: Spend or Usage.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountCategory() {
    return commitmentDiscountCategory;
  }

  /**
   * FOCUS CommitmentDiscountType: the provider's label, e.g. Savings Plan.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountType() {
    return commitmentDiscountType;
  }

  /**
   * FOCUS CommitmentDiscountStatus: Used or Unused.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountStatus() {
    return commitmentDiscountStatus;
  }

  /**
   * FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused.
   *
   * @return the value; null when absent
   */
  public BigDecimal commitmentDiscountQuantity() {
    return commitmentDiscountQuantity;
  }

  /**
   * FOCUS CommitmentDiscountUnit: the unit of the commitment discount quantity.
   *
   * @return the value; null when absent
   */
  public String commitmentDiscountUnit() {
    return commitmentDiscountUnit;
  }

  /**
   * FOCUS CapacityReservationId: the capacity reservation.
   *
   * @return the value; null when absent
   */
  public String capacityReservationId() {
    return capacityReservationId;
  }

  /**
   * FOCUS CapacityReservationStatus: Used or Unused.
   *
   * @return the value; null when absent
   */
  public String capacityReservationStatus() {
    return capacityReservationStatus;
  }

  /**
   * FOCUS Tags: the tags or labels on the resource; empty when none.
   *
   * @return the value; never null
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * the source's own id of the line (not a FOCUS column): the key that restated rows share.
   *
   * @return the value; null when absent
   */
  public String lineItemId() {
    return lineItemId;
  }

  /**
   * The tag keys, for dimension listings.
   *
   * @return the keys; never null
   */
  public Set<String> tagKeys() {
    return tags.keySet();
  }

  /**
   * The key that identifies this line across re-deliveries of the same billing period: {@link #lineItemId()} with the
   * charge period start, category and correction flag when the source has a line id, else every dimension column joined (charge period, account, sub account, resource, SKU, price,
   * category, commitment, description, region, service, tags, correction flag). Restated rows of a provider re-issue
   * share this key with the rows they replace.
   *
   * @return the key; never null
   */
  public String dedupKey() {
    if (lineItemId != null) {
      return "id:" + lineItemId + '\u001f' + chargePeriodStart + '\u001f' + chargeCategory + '\u001f' + correction;
    }
    StringBuilder sb = new StringBuilder(160);
    Object[] parts = {
      providerName, billingAccountId, subAccountId, chargePeriodStart, chargePeriodEnd, chargeCategory, correction,
      chargeFrequency, resourceId, skuId, skuPriceId, pricingUnit, commitmentDiscountId, commitmentDiscountStatus,
      capacityReservationId, regionId, availabilityZone, serviceName, chargeDescription, tags
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
    CostRecord r = (CostRecord) o;
    return sameNumber(billedCost, r.billedCost)
        && sameNumber(effectiveCost, r.effectiveCost)
        && sameNumber(listCost, r.listCost)
        && sameNumber(contractedCost, r.contractedCost)
        && Objects.equals(billingCurrency, r.billingCurrency)
        && Objects.equals(chargeCategory, r.chargeCategory)
        && correction == r.correction
        && Objects.equals(chargeDescription, r.chargeDescription)
        && Objects.equals(chargeFrequency, r.chargeFrequency)
        && Objects.equals(chargePeriodStart, r.chargePeriodStart)
        && Objects.equals(chargePeriodEnd, r.chargePeriodEnd)
        && Objects.equals(billingPeriodStart, r.billingPeriodStart)
        && Objects.equals(billingPeriodEnd, r.billingPeriodEnd)
        && Objects.equals(providerName, r.providerName)
        && Objects.equals(publisherName, r.publisherName)
        && Objects.equals(invoiceIssuerName, r.invoiceIssuerName)
        && Objects.equals(invoiceId, r.invoiceId)
        && Objects.equals(billingAccountId, r.billingAccountId)
        && Objects.equals(billingAccountName, r.billingAccountName)
        && Objects.equals(billingAccountType, r.billingAccountType)
        && Objects.equals(subAccountId, r.subAccountId)
        && Objects.equals(subAccountName, r.subAccountName)
        && Objects.equals(subAccountType, r.subAccountType)
        && Objects.equals(regionId, r.regionId)
        && Objects.equals(regionName, r.regionName)
        && Objects.equals(availabilityZone, r.availabilityZone)
        && Objects.equals(serviceName, r.serviceName)
        && Objects.equals(serviceCategory, r.serviceCategory)
        && Objects.equals(serviceSubcategory, r.serviceSubcategory)
        && Objects.equals(resourceId, r.resourceId)
        && Objects.equals(resourceName, r.resourceName)
        && Objects.equals(resourceType, r.resourceType)
        && Objects.equals(skuId, r.skuId)
        && Objects.equals(skuPriceId, r.skuPriceId)
        && Objects.equals(skuMeter, r.skuMeter)
        && Objects.equals(skuPriceDetails, r.skuPriceDetails)
        && Objects.equals(pricingCurrency, r.pricingCurrency)
        && sameNumber(pricingCurrencyContractedUnitPrice, r.pricingCurrencyContractedUnitPrice)
        && sameNumber(pricingCurrencyEffectiveCost, r.pricingCurrencyEffectiveCost)
        && sameNumber(pricingCurrencyListUnitPrice, r.pricingCurrencyListUnitPrice)
        && Objects.equals(pricingCategory, r.pricingCategory)
        && sameNumber(pricingQuantity, r.pricingQuantity)
        && Objects.equals(pricingUnit, r.pricingUnit)
        && sameNumber(listUnitPrice, r.listUnitPrice)
        && sameNumber(contractedUnitPrice, r.contractedUnitPrice)
        && sameNumber(consumedQuantity, r.consumedQuantity)
        && Objects.equals(consumedUnit, r.consumedUnit)
        && Objects.equals(commitmentDiscountId, r.commitmentDiscountId)
        && Objects.equals(commitmentDiscountName, r.commitmentDiscountName)
        && Objects.equals(commitmentDiscountCategory, r.commitmentDiscountCategory)
        && Objects.equals(commitmentDiscountType, r.commitmentDiscountType)
        && Objects.equals(commitmentDiscountStatus, r.commitmentDiscountStatus)
        && sameNumber(commitmentDiscountQuantity, r.commitmentDiscountQuantity)
        && Objects.equals(commitmentDiscountUnit, r.commitmentDiscountUnit)
        && Objects.equals(capacityReservationId, r.capacityReservationId)
        && Objects.equals(capacityReservationStatus, r.capacityReservationStatus)
        && Objects.equals(tags, r.tags)
        && Objects.equals(lineItemId, r.lineItemId);
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static int numberHash(BigDecimal a) {
    return a == null ? 0 : Double.hashCode(a.doubleValue());
  }

  @Override
  public int hashCode() {
    int h = 1;
    h = 31 * h + numberHash(billedCost);
    h = 31 * h + numberHash(effectiveCost);
    h = 31 * h + numberHash(listCost);
    h = 31 * h + numberHash(contractedCost);
    h = 31 * h + Objects.hashCode(billingCurrency);
    h = 31 * h + Objects.hashCode(chargeCategory);
    h = 31 * h + Boolean.hashCode(correction);
    h = 31 * h + Objects.hashCode(chargeDescription);
    h = 31 * h + Objects.hashCode(chargeFrequency);
    h = 31 * h + Objects.hashCode(chargePeriodStart);
    h = 31 * h + Objects.hashCode(chargePeriodEnd);
    h = 31 * h + Objects.hashCode(billingPeriodStart);
    h = 31 * h + Objects.hashCode(billingPeriodEnd);
    h = 31 * h + Objects.hashCode(providerName);
    h = 31 * h + Objects.hashCode(publisherName);
    h = 31 * h + Objects.hashCode(invoiceIssuerName);
    h = 31 * h + Objects.hashCode(invoiceId);
    h = 31 * h + Objects.hashCode(billingAccountId);
    h = 31 * h + Objects.hashCode(billingAccountName);
    h = 31 * h + Objects.hashCode(billingAccountType);
    h = 31 * h + Objects.hashCode(subAccountId);
    h = 31 * h + Objects.hashCode(subAccountName);
    h = 31 * h + Objects.hashCode(subAccountType);
    h = 31 * h + Objects.hashCode(regionId);
    h = 31 * h + Objects.hashCode(regionName);
    h = 31 * h + Objects.hashCode(availabilityZone);
    h = 31 * h + Objects.hashCode(serviceName);
    h = 31 * h + Objects.hashCode(serviceCategory);
    h = 31 * h + Objects.hashCode(serviceSubcategory);
    h = 31 * h + Objects.hashCode(resourceId);
    h = 31 * h + Objects.hashCode(resourceName);
    h = 31 * h + Objects.hashCode(resourceType);
    h = 31 * h + Objects.hashCode(skuId);
    h = 31 * h + Objects.hashCode(skuPriceId);
    h = 31 * h + Objects.hashCode(skuMeter);
    h = 31 * h + Objects.hashCode(skuPriceDetails);
    h = 31 * h + Objects.hashCode(pricingCurrency);
    h = 31 * h + numberHash(pricingCurrencyContractedUnitPrice);
    h = 31 * h + numberHash(pricingCurrencyEffectiveCost);
    h = 31 * h + numberHash(pricingCurrencyListUnitPrice);
    h = 31 * h + Objects.hashCode(pricingCategory);
    h = 31 * h + numberHash(pricingQuantity);
    h = 31 * h + Objects.hashCode(pricingUnit);
    h = 31 * h + numberHash(listUnitPrice);
    h = 31 * h + numberHash(contractedUnitPrice);
    h = 31 * h + numberHash(consumedQuantity);
    h = 31 * h + Objects.hashCode(consumedUnit);
    h = 31 * h + Objects.hashCode(commitmentDiscountId);
    h = 31 * h + Objects.hashCode(commitmentDiscountName);
    h = 31 * h + Objects.hashCode(commitmentDiscountCategory);
    h = 31 * h + Objects.hashCode(commitmentDiscountType);
    h = 31 * h + Objects.hashCode(commitmentDiscountStatus);
    h = 31 * h + numberHash(commitmentDiscountQuantity);
    h = 31 * h + Objects.hashCode(commitmentDiscountUnit);
    h = 31 * h + Objects.hashCode(capacityReservationId);
    h = 31 * h + Objects.hashCode(capacityReservationStatus);
    h = 31 * h + Objects.hashCode(tags);
    h = 31 * h + Objects.hashCode(lineItemId);
    return h;
  }

  @Override
  public String toString() {
    return "CostRecord{" + providerName + " " + billingAccountId + "/" + subAccountId + " " + serviceName + " "
        + resourceId + " " + chargeCategory + " " + chargePeriodStart + ".." + chargePeriodEnd + " billed="
        + billedCost.toPlainString() + " effective=" + effectiveCost.toPlainString() + " " + billingCurrency + "}";
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
    private BigDecimal billedCost;
    private BigDecimal effectiveCost;
    private BigDecimal listCost;
    private BigDecimal contractedCost;
    private Currency billingCurrency;
    private ChargeCategory chargeCategory;
    private boolean correction;
    private String chargeDescription;
    private ChargeFrequency chargeFrequency;
    private Instant chargePeriodStart;
    private Instant chargePeriodEnd;
    private Instant billingPeriodStart;
    private Instant billingPeriodEnd;
    private String providerName;
    private String publisherName;
    private String invoiceIssuerName;
    private String invoiceId;
    private String billingAccountId;
    private String billingAccountName;
    private String billingAccountType;
    private String subAccountId;
    private String subAccountName;
    private String subAccountType;
    private String regionId;
    private String regionName;
    private String availabilityZone;
    private String serviceName;
    private String serviceCategory;
    private String serviceSubcategory;
    private String resourceId;
    private String resourceName;
    private String resourceType;
    private String skuId;
    private String skuPriceId;
    private String skuMeter;
    private String skuPriceDetails;
    private String pricingCurrency;
    private BigDecimal pricingCurrencyContractedUnitPrice;
    private BigDecimal pricingCurrencyEffectiveCost;
    private BigDecimal pricingCurrencyListUnitPrice;
    private String pricingCategory;
    private BigDecimal pricingQuantity;
    private String pricingUnit;
    private BigDecimal listUnitPrice;
    private BigDecimal contractedUnitPrice;
    private BigDecimal consumedQuantity;
    private String consumedUnit;
    private String commitmentDiscountId;
    private String commitmentDiscountName;
    private String commitmentDiscountCategory;
    private String commitmentDiscountType;
    private String commitmentDiscountStatus;
    private BigDecimal commitmentDiscountQuantity;
    private String commitmentDiscountUnit;
    private String capacityReservationId;
    private String capacityReservationStatus;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private FrozenTags sharedTags;
    private String lineItemId;

    private Builder() {}

    /**
     * Sets FOCUS BilledCost: the amount invoiced for this charge, in the billing currency.
     *
     * @param billedCost the value; never null
     * @return this builder
     */
    public Builder billedCost(BigDecimal billedCost) {
      this.billedCost = billedCost;
      return this;
    }

    /**
     * Sets FOCUS BilledCost: the amount invoiced for this charge, in the billing currency, from decimal text.
     *
     * @param billedCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder billedCost(String billedCost) {
      this.billedCost = billedCost == null ? null : decimal(billedCost, "BilledCost");
      return this;
    }

    /**
     * Sets FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency.
     *
     * @param effectiveCost the value; never null
     * @return this builder
     */
    public Builder effectiveCost(BigDecimal effectiveCost) {
      this.effectiveCost = effectiveCost;
      return this;
    }

    /**
     * Sets FOCUS EffectiveCost: the amortized cost after commitment discounts, in the billing currency, from decimal text.
     *
     * @param effectiveCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder effectiveCost(String effectiveCost) {
      this.effectiveCost = effectiveCost == null ? null : decimal(effectiveCost, "EffectiveCost");
      return this;
    }

    /**
     * Sets FOCUS ListCost: the cost at public list prices, in the billing currency.
     *
     * @param listCost the value; never null
     * @return this builder
     */
    public Builder listCost(BigDecimal listCost) {
      this.listCost = listCost;
      return this;
    }

    /**
     * Sets FOCUS ListCost: the cost at public list prices, in the billing currency, from decimal text.
     *
     * @param listCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder listCost(String listCost) {
      this.listCost = listCost == null ? null : decimal(listCost, "ListCost");
      return this;
    }

    /**
     * Sets FOCUS ContractedCost: the cost at negotiated prices, in the billing currency.
     *
     * @param contractedCost the value; never null
     * @return this builder
     */
    public Builder contractedCost(BigDecimal contractedCost) {
      this.contractedCost = contractedCost;
      return this;
    }

    /**
     * Sets FOCUS ContractedCost: the cost at negotiated prices, in the billing currency, from decimal text.
     *
     * @param contractedCost decimal text, e.g. {@code "0.096"}; never null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder contractedCost(String contractedCost) {
      this.contractedCost = contractedCost == null ? null : decimal(contractedCost, "ContractedCost");
      return this;
    }

    /**
     * Sets FOCUS BillingCurrency: the ISO 4217 currency of the cost columns.
     *
     * @param billingCurrency the value; never null
     * @return this builder
     */
    public Builder billingCurrency(Currency billingCurrency) {
      this.billingCurrency = billingCurrency;
      return this;
    }

    /**
     * Sets FOCUS ChargeCategory: the highest-level classification of the charge.
     *
     * @param chargeCategory the value; never null
     * @return this builder
     */
    public Builder chargeCategory(ChargeCategory chargeCategory) {
      this.chargeCategory = chargeCategory;
      return this;
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
     * Sets FOCUS ChargeDescription: a human-readable summary of the charge.
     *
     * @param chargeDescription the value; may be null
     * @return this builder
     */
    public Builder chargeDescription(String chargeDescription) {
      this.chargeDescription = chargeDescription;
      return this;
    }

    /**
     * Sets FOCUS ChargeFrequency: how often the charge occurs.
     *
     * @param chargeFrequency the value; may be null
     * @return this builder
     */
    public Builder chargeFrequency(ChargeFrequency chargeFrequency) {
      this.chargeFrequency = chargeFrequency;
      return this;
    }

    /**
     * Sets FOCUS ChargePeriodStart: the inclusive start of the period the charge applies to.
     *
     * @param chargePeriodStart the value; never null
     * @return this builder
     */
    public Builder chargePeriodStart(Instant chargePeriodStart) {
      this.chargePeriodStart = chargePeriodStart;
      return this;
    }

    /**
     * Sets FOCUS ChargePeriodEnd: the exclusive end of the period the charge applies to.
     *
     * @param chargePeriodEnd the value; never null
     * @return this builder
     */
    public Builder chargePeriodEnd(Instant chargePeriodEnd) {
      this.chargePeriodEnd = chargePeriodEnd;
      return this;
    }

    /**
     * Sets FOCUS BillingPeriodStart: the inclusive start of the billing period (invoice month).
     *
     * @param billingPeriodStart the value; never null
     * @return this builder
     */
    public Builder billingPeriodStart(Instant billingPeriodStart) {
      this.billingPeriodStart = billingPeriodStart;
      return this;
    }

    /**
     * Sets FOCUS BillingPeriodEnd: the exclusive end of the billing period.
     *
     * @param billingPeriodEnd the value; never null
     * @return this builder
     */
    public Builder billingPeriodEnd(Instant billingPeriodEnd) {
      this.billingPeriodEnd = billingPeriodEnd;
      return this;
    }

    /**
     * Sets FOCUS ProviderName: the provider that made the resources available, e.g. AWS, Microsoft, Google Cloud.
     *
     * @param providerName the value; never null
     * @return this builder
     */
    public Builder providerName(String providerName) {
      this.providerName = providerName;
      return this;
    }

    /**
     * Sets FOCUS PublisherName: the entity that produced the resources.
     *
     * @param publisherName the value; may be null
     * @return this builder
     */
    public Builder publisherName(String publisherName) {
      this.publisherName = publisherName;
      return this;
    }

    /**
     * Sets FOCUS InvoiceIssuerName: the entity responsible for invoicing.
     *
     * @param invoiceIssuerName the value; may be null
     * @return this builder
     */
    public Builder invoiceIssuerName(String invoiceIssuerName) {
      this.invoiceIssuerName = invoiceIssuerName;
      return this;
    }

    /**
     * Sets FOCUS InvoiceId: the invoice this charge is on.
     *
     * @param invoiceId the value; may be null
     * @return this builder
     */
    public Builder invoiceId(String invoiceId) {
      this.invoiceId = invoiceId;
      return this;
    }

    /**
     * Sets FOCUS BillingAccountId: the account the invoice is issued to.
     *
     * @param billingAccountId the value; never null
     * @return this builder
     */
    public Builder billingAccountId(String billingAccountId) {
      this.billingAccountId = billingAccountId;
      return this;
    }

    /**
     * Sets FOCUS BillingAccountName: the display name of the billing account.
     *
     * @param billingAccountName the value; may be null
     * @return this builder
     */
    public Builder billingAccountName(String billingAccountName) {
      this.billingAccountName = billingAccountName;
      return this;
    }

    /**
     * Sets FOCUS BillingAccountType: the provider's label for the kind of billing account.
     *
     * @param billingAccountType the value; may be null
     * @return this builder
     */
    public Builder billingAccountType(String billingAccountType) {
      this.billingAccountType = billingAccountType;
      return this;
    }

    /**
     * Sets FOCUS SubAccountId: the sub account (AWS account, Azure subscription, GCP project).
     *
     * @param subAccountId the value; may be null
     * @return this builder
     */
    public Builder subAccountId(String subAccountId) {
      this.subAccountId = subAccountId;
      return this;
    }

    /**
     * Sets FOCUS SubAccountName: the display name of the sub account.
     *
     * @param subAccountName the value; may be null
     * @return this builder
     */
    public Builder subAccountName(String subAccountName) {
      this.subAccountName = subAccountName;
      return this;
    }

    /**
     * Sets FOCUS SubAccountType: the provider's label for the kind of sub account.
     *
     * @param subAccountType the value; may be null
     * @return this builder
     */
    public Builder subAccountType(String subAccountType) {
      this.subAccountType = subAccountType;
      return this;
    }

    /**
     * Sets FOCUS RegionId: the provider's region id.
     *
     * @param regionId the value; may be null
     * @return this builder
     */
    public Builder regionId(String regionId) {
      this.regionId = regionId;
      return this;
    }

    /**
     * Sets FOCUS RegionName: the region display name.
     *
     * @param regionName the value; may be null
     * @return this builder
     */
    public Builder regionName(String regionName) {
      this.regionName = regionName;
      return this;
    }

    /**
     * Sets FOCUS AvailabilityZone: the availability zone.
     *
     * @param availabilityZone the value; may be null
     * @return this builder
     */
    public Builder availabilityZone(String availabilityZone) {
      this.availabilityZone = availabilityZone;
      return this;
    }

    /**
     * Sets FOCUS ServiceName: the offering that was purchased.
     *
     * @param serviceName the value; never null
     * @return this builder
     */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /**
     * Sets FOCUS ServiceCategory: the FOCUS service category, e.g. Compute.
     *
     * @param serviceCategory the value; never null
     * @return this builder
     */
    public Builder serviceCategory(String serviceCategory) {
      this.serviceCategory = serviceCategory;
      return this;
    }

    /**
     * Sets FOCUS ServiceSubcategory: the FOCUS service subcategory.
     *
     * @param serviceSubcategory the value; may be null
     * @return this builder
     */
    public Builder serviceSubcategory(String serviceSubcategory) {
      this.serviceSubcategory = serviceSubcategory;
      return this;
    }

    /**
     * Sets FOCUS ResourceId: the provider's id of the resource.
     *
     * @param resourceId the value; may be null
     * @return this builder
     */
    public Builder resourceId(String resourceId) {
      this.resourceId = resourceId;
      return this;
    }

    /**
     * Sets FOCUS ResourceName: the display name of the resource.
     *
     * @param resourceName the value; may be null
     * @return this builder
     */
    public Builder resourceName(String resourceName) {
      this.resourceName = resourceName;
      return this;
    }

    /**
     * Sets FOCUS ResourceType: the kind of resource.
     *
     * @param resourceType the value; may be null
     * @return this builder
     */
    public Builder resourceType(String resourceType) {
      this.resourceType = resourceType;
      return this;
    }

    /**
     * Sets FOCUS SkuId: the provider's SKU id.
     *
     * @param skuId the value; may be null
     * @return this builder
     */
    public Builder skuId(String skuId) {
      this.skuId = skuId;
      return this;
    }

    /**
     * Sets FOCUS SkuPriceId: the id of the SKU price point.
     *
     * @param skuPriceId the value; may be null
     * @return this builder
     */
    public Builder skuPriceId(String skuPriceId) {
      this.skuPriceId = skuPriceId;
      return this;
    }

    /**
     * Sets FOCUS SkuMeter: the functionality the SKU meters.
     *
     * @param skuMeter the value; may be null
     * @return this builder
     */
    public Builder skuMeter(String skuMeter) {
      this.skuMeter = skuMeter;
      return this;
    }

    /**
     * Sets FOCUS SkuPriceDetails: the SKU price's shared properties as a JSON object text.
     *
     * @param skuPriceDetails the JSON object text; may be null
     * @return this builder
     */
    public Builder skuPriceDetails(String skuPriceDetails) {
      this.skuPriceDetails = skuPriceDetails;
      return this;
    }

    /**
     * Sets FOCUS PricingCurrency: the national or virtual currency the SKU was priced in.
     *
     * @param pricingCurrency the currency code or name; may be null
     * @return this builder
     */
    public Builder pricingCurrency(String pricingCurrency) {
      this.pricingCurrency = pricingCurrency;
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency.
     *
     * @param pricingCurrencyContractedUnitPrice the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyContractedUnitPrice(BigDecimal pricingCurrencyContractedUnitPrice) {
      this.pricingCurrencyContractedUnitPrice = pricingCurrencyContractedUnitPrice;
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyContractedUnitPrice: the negotiated unit price in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyContractedUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyContractedUnitPrice(String pricingCurrencyContractedUnitPrice) {
      this.pricingCurrencyContractedUnitPrice = pricingCurrencyContractedUnitPrice == null ? null : decimal(pricingCurrencyContractedUnitPrice, "PricingCurrencyContractedUnitPrice");
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency.
     *
     * @param pricingCurrencyEffectiveCost the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyEffectiveCost(BigDecimal pricingCurrencyEffectiveCost) {
      this.pricingCurrencyEffectiveCost = pricingCurrencyEffectiveCost;
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyEffectiveCost: the effective cost in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyEffectiveCost decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyEffectiveCost(String pricingCurrencyEffectiveCost) {
      this.pricingCurrencyEffectiveCost = pricingCurrencyEffectiveCost == null ? null : decimal(pricingCurrencyEffectiveCost, "PricingCurrencyEffectiveCost");
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency.
     *
     * @param pricingCurrencyListUnitPrice the value; may be null
     * @return this builder
     */
    public Builder pricingCurrencyListUnitPrice(BigDecimal pricingCurrencyListUnitPrice) {
      this.pricingCurrencyListUnitPrice = pricingCurrencyListUnitPrice;
      return this;
    }

    /**
     * Sets FOCUS PricingCurrencyListUnitPrice: the public unit price in the pricing currency, from decimal text.
     *
     * @param pricingCurrencyListUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingCurrencyListUnitPrice(String pricingCurrencyListUnitPrice) {
      this.pricingCurrencyListUnitPrice = pricingCurrencyListUnitPrice == null ? null : decimal(pricingCurrencyListUnitPrice, "PricingCurrencyListUnitPrice");
      return this;
    }

    /**
     * Sets FOCUS PricingCategory: Standard, Dynamic, Committed or Other.
     *
     * @param pricingCategory the value; may be null
     * @return this builder
     */
    public Builder pricingCategory(String pricingCategory) {
      this.pricingCategory = pricingCategory;
      return this;
    }

    /**
     * Sets FOCUS PricingQuantity: the quantity the price applies to.
     *
     * @param pricingQuantity the value; may be null
     * @return this builder
     */
    public Builder pricingQuantity(BigDecimal pricingQuantity) {
      this.pricingQuantity = pricingQuantity;
      return this;
    }

    /**
     * Sets FOCUS PricingQuantity: the quantity the price applies to, from decimal text.
     *
     * @param pricingQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder pricingQuantity(String pricingQuantity) {
      this.pricingQuantity = pricingQuantity == null ? null : decimal(pricingQuantity, "PricingQuantity");
      return this;
    }

    /**
     * Sets FOCUS PricingUnit: the unit of the pricing quantity.
     *
     * @param pricingUnit the value; may be null
     * @return this builder
     */
    public Builder pricingUnit(String pricingUnit) {
      this.pricingUnit = pricingUnit;
      return this;
    }

    /**
     * Sets FOCUS ListUnitPrice: the public unit price.
     *
     * @param listUnitPrice the value; may be null
     * @return this builder
     */
    public Builder listUnitPrice(BigDecimal listUnitPrice) {
      this.listUnitPrice = listUnitPrice;
      return this;
    }

    /**
     * Sets FOCUS ListUnitPrice: the public unit price, from decimal text.
     *
     * @param listUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder listUnitPrice(String listUnitPrice) {
      this.listUnitPrice = listUnitPrice == null ? null : decimal(listUnitPrice, "ListUnitPrice");
      return this;
    }

    /**
     * Sets FOCUS ContractedUnitPrice: the negotiated unit price.
     *
     * @param contractedUnitPrice the value; may be null
     * @return this builder
     */
    public Builder contractedUnitPrice(BigDecimal contractedUnitPrice) {
      this.contractedUnitPrice = contractedUnitPrice;
      return this;
    }

    /**
     * Sets FOCUS ContractedUnitPrice: the negotiated unit price, from decimal text.
     *
     * @param contractedUnitPrice decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder contractedUnitPrice(String contractedUnitPrice) {
      this.contractedUnitPrice = contractedUnitPrice == null ? null : decimal(contractedUnitPrice, "ContractedUnitPrice");
      return this;
    }

    /**
     * Sets FOCUS ConsumedQuantity: the measured usage.
     *
     * @param consumedQuantity the value; may be null
     * @return this builder
     */
    public Builder consumedQuantity(BigDecimal consumedQuantity) {
      this.consumedQuantity = consumedQuantity;
      return this;
    }

    /**
     * Sets FOCUS ConsumedQuantity: the measured usage, from decimal text.
     *
     * @param consumedQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder consumedQuantity(String consumedQuantity) {
      this.consumedQuantity = consumedQuantity == null ? null : decimal(consumedQuantity, "ConsumedQuantity");
      return this;
    }

    /**
     * Sets FOCUS ConsumedUnit: the unit of the consumed quantity.
     *
     * @param consumedUnit the value; may be null
     * @return this builder
     */
    public Builder consumedUnit(String consumedUnit) {
      this.consumedUnit = consumedUnit;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountId: the reservation, savings plan or committed use discount.
     *
     * @param commitmentDiscountId the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountId(String commitmentDiscountId) {
      this.commitmentDiscountId = commitmentDiscountId;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountName: its display name.
     *
     * @param commitmentDiscountName the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountName(String commitmentDiscountName) {
      this.commitmentDiscountName = commitmentDiscountName;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountCategory: Spend or Usage.
     *
     * @param commitmentDiscountCategory the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountCategory(String commitmentDiscountCategory) {
      this.commitmentDiscountCategory = commitmentDiscountCategory;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountType: the provider's label, e.g. Savings Plan.
     *
     * @param commitmentDiscountType the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountType(String commitmentDiscountType) {
      this.commitmentDiscountType = commitmentDiscountType;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountStatus: Used or Unused.
     *
     * @param commitmentDiscountStatus the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountStatus(String commitmentDiscountStatus) {
      this.commitmentDiscountStatus = commitmentDiscountStatus;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused.
     *
     * @param commitmentDiscountQuantity the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountQuantity(BigDecimal commitmentDiscountQuantity) {
      this.commitmentDiscountQuantity = commitmentDiscountQuantity;
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountQuantity: the amount of the commitment this charge uses or leaves unused, from decimal text.
     *
     * @param commitmentDiscountQuantity decimal text, e.g. {@code "0.096"}; may be null
     * @return this builder
     * @throws IllegalArgumentException if the text is not a decimal number
     */
    public Builder commitmentDiscountQuantity(String commitmentDiscountQuantity) {
      this.commitmentDiscountQuantity = commitmentDiscountQuantity == null ? null : decimal(commitmentDiscountQuantity, "CommitmentDiscountQuantity");
      return this;
    }

    /**
     * Sets FOCUS CommitmentDiscountUnit: the unit of the commitment discount quantity.
     *
     * @param commitmentDiscountUnit the value; may be null
     * @return this builder
     */
    public Builder commitmentDiscountUnit(String commitmentDiscountUnit) {
      this.commitmentDiscountUnit = commitmentDiscountUnit;
      return this;
    }

    /**
     * Sets FOCUS CapacityReservationId: the capacity reservation.
     *
     * @param capacityReservationId the value; may be null
     * @return this builder
     */
    public Builder capacityReservationId(String capacityReservationId) {
      this.capacityReservationId = capacityReservationId;
      return this;
    }

    /**
     * Sets FOCUS CapacityReservationStatus: Used or Unused.
     *
     * @param capacityReservationStatus the value; may be null
     * @return this builder
     */
    public Builder capacityReservationStatus(String capacityReservationStatus) {
      this.capacityReservationStatus = capacityReservationStatus;
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
     * Sets the source's own id of the line (not a FOCUS column): the key that restated rows share.
     *
     * @param lineItemId the value; may be null
     * @return this builder
     */
    public Builder lineItemId(String lineItemId) {
      this.lineItemId = lineItemId;
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
      this.chargePeriodStart = start;
      this.chargePeriodEnd = end;
      return this;
    }

    /**
     * Sets the billing period.
     *
     * @param period the period; never null
     * @return this builder
     */
    public Builder billingPeriod(BillingPeriod period) {
      this.billingPeriodStart = period.start();
      this.billingPeriodEnd = period.end();
      return this;
    }

    /**
     * Sets all four cost columns to the same amount (an on-demand charge with no discount).
     *
     * @param cost the amount; never null
     * @return this builder
     */
    public Builder allCosts(BigDecimal cost) {
      Objects.requireNonNull(cost, "cost");
      this.billedCost = cost;
      this.effectiveCost = cost;
      this.listCost = cost;
      this.contractedCost = cost;
      return this;
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
