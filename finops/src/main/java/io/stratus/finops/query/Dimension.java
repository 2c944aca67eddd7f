package io.stratus.finops.query;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.internal.Fields;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A column that cost can be filtered and grouped by: one of the built-in FOCUS dimensions, the
 * {@linkplain #SOURCE billing source}, or the value of one tag ({@link #tag(String)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Dimension {
  /** The id of the billing source the record was collected from (not a FOCUS column). */
  public static final Dimension SOURCE = of("Source");
  /** FOCUS ProviderName. */
  public static final Dimension PROVIDER = of("ProviderName");
  /** FOCUS PublisherName. */
  public static final Dimension PUBLISHER = of("PublisherName");
  /** FOCUS BillingAccountId. */
  public static final Dimension BILLING_ACCOUNT = of("BillingAccountId");
  /** FOCUS SubAccountId (AWS account, Azure subscription, GCP project). */
  public static final Dimension SUB_ACCOUNT = of("SubAccountId");
  /** FOCUS RegionId. */
  public static final Dimension REGION = of("RegionId");
  /** FOCUS AvailabilityZone. */
  public static final Dimension AVAILABILITY_ZONE = of("AvailabilityZone");
  /** FOCUS ServiceName. */
  public static final Dimension SERVICE = of("ServiceName");
  /** FOCUS ServiceCategory. */
  public static final Dimension SERVICE_CATEGORY = of("ServiceCategory");
  /** FOCUS ResourceId. */
  public static final Dimension RESOURCE = of("ResourceId");
  /** FOCUS ResourceName. */
  public static final Dimension RESOURCE_NAME = of("ResourceName");
  /** FOCUS ResourceType. */
  public static final Dimension RESOURCE_TYPE = of("ResourceType");
  /** FOCUS SkuId. */
  public static final Dimension SKU = of("SkuId");
  /** FOCUS ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment). */
  public static final Dimension CHARGE_CATEGORY = of("ChargeCategory");
  /** FOCUS ChargeFrequency. */
  public static final Dimension CHARGE_FREQUENCY = of("ChargeFrequency");
  /** FOCUS ChargeDescription. */
  public static final Dimension CHARGE_DESCRIPTION = of("ChargeDescription");
  /** FOCUS PricingCategory. */
  public static final Dimension PRICING_CATEGORY = of("PricingCategory");
  /** FOCUS PricingUnit. */
  public static final Dimension PRICING_UNIT = of("PricingUnit");
  /** FOCUS CommitmentDiscountId. */
  public static final Dimension COMMITMENT_DISCOUNT = of("CommitmentDiscountId");
  /** FOCUS CommitmentDiscountStatus (Used, Unused). */
  public static final Dimension COMMITMENT_DISCOUNT_STATUS = of("CommitmentDiscountStatus");
  /** FOCUS BillingCurrency. */
  public static final Dimension CURRENCY = of("BillingCurrency");
  /** FOCUS InvoiceIssuerName. */
  public static final Dimension INVOICE_ISSUER = of("InvoiceIssuerName");

  /** The built-in dimensions, for listings. */
  public static final List<Dimension> BUILT_IN =
      List.of(
          SOURCE, PROVIDER, PUBLISHER, BILLING_ACCOUNT, SUB_ACCOUNT, REGION, AVAILABILITY_ZONE, SERVICE,
          SERVICE_CATEGORY, RESOURCE, RESOURCE_NAME, RESOURCE_TYPE, SKU, CHARGE_CATEGORY, CHARGE_FREQUENCY,
          CHARGE_DESCRIPTION, PRICING_CATEGORY, PRICING_UNIT, COMMITMENT_DISCOUNT, COMMITMENT_DISCOUNT_STATUS,
          CURRENCY, INVOICE_ISSUER);

  private final String name;
  private final int field;
  private final String tagKey;

  private Dimension(String name, int field, String tagKey) {
    this.name = name;
    this.field = field;
    this.tagKey = tagKey;
  }

  private static Dimension of(String name) {
    return new Dimension(name, Fields.dimension(name), null);
  }

  /**
   * The value of one tag (label) key: records without the tag have no value (null).
   *
   * @param key the tag key, e.g. {@code team}; never null or blank
   * @return the dimension; never null
   * @throws IllegalArgumentException if the key is blank
   */
  public static Dimension tag(String key) {
    Objects.requireNonNull(key, "tag key must not be null");
    if (key.isBlank()) {
      throw new IllegalArgumentException("tag key must not be blank, got '" + key + "'");
    }
    return new Dimension("tag:" + key, Fields.TAGS, key);
  }

  /**
   * The name, e.g. {@code ServiceName} or {@code tag:team}.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The tag key when this is a tag dimension.
   *
   * @return the key, or null for built-in dimensions
   */
  public String tagKey() {
    return tagKey;
  }

  /**
   * This dimension's value in a record.
   *
   * @param record the record; never null
   * @param sourceId the id of the source the record came from (the value of {@link #SOURCE}); may be null
   * @return the value, or null when the record has none
   */
  public String valueOf(CostRecord record, String sourceId) {
    if (tagKey != null) {
      return record.tags().get(tagKey);
    }
    return field == Fields.SOURCE ? sourceId : Fields.string(record, field);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dimension && ((Dimension) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
