package io.stratus.finops.internal;

import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The columns of {@link CostRecord} by number, as the columnar store lays them out, shared by the store (in
 * {@code spi}) and the query dimensions and metrics (in {@code query}). Not API. Stateless.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Fields {
  public static final int SOURCE = 0;
  public static final int PROVIDER = 1;
  public static final int PUBLISHER = 2;
  public static final int INVOICE_ISSUER = 3;
  public static final int INVOICE_ID = 4;
  public static final int BILLING_ACCOUNT = 5;
  public static final int BILLING_ACCOUNT_NAME = 6;
  public static final int BILLING_ACCOUNT_TYPE = 7;
  public static final int SUB_ACCOUNT = 8;
  public static final int SUB_ACCOUNT_NAME = 9;
  public static final int SUB_ACCOUNT_TYPE = 10;
  public static final int REGION = 11;
  public static final int REGION_NAME = 12;
  public static final int ZONE = 13;
  public static final int SERVICE = 14;
  public static final int SERVICE_CATEGORY = 15;
  public static final int SERVICE_SUBCATEGORY = 16;
  public static final int RESOURCE = 17;
  public static final int RESOURCE_NAME = 18;
  public static final int RESOURCE_TYPE = 19;
  public static final int SKU = 20;
  public static final int SKU_PRICE = 21;
  public static final int SKU_METER = 22;
  public static final int PRICING_CATEGORY = 23;
  public static final int PRICING_UNIT = 24;
  public static final int CONSUMED_UNIT = 25;
  public static final int CD_ID = 26;
  public static final int CD_NAME = 27;
  public static final int CD_CATEGORY = 28;
  public static final int CD_TYPE = 29;
  public static final int CD_STATUS = 30;
  public static final int CD_UNIT = 31;
  public static final int CR_ID = 32;
  public static final int CR_STATUS = 33;
  public static final int CHARGE_DESCRIPTION = 34;
  public static final int CHARGE_CATEGORY = 35;
  public static final int CHARGE_FREQUENCY = 36;
  public static final int CHARGE_CLASS = 37;
  public static final int CURRENCY = 38;
  public static final int TAGS = 39;
  public static final int LINE_ITEM_ID = 40;
  public static final int PRICING_CURRENCY = 41;
  public static final int SKU_PRICE_DETAILS = 42;
  public static final int STRINGS = 43;
  public static final int D_BILLED = 0;
  public static final int D_EFFECTIVE = 1;
  public static final int D_LIST = 2;
  public static final int D_CONTRACTED = 3;
  public static final int D_PRICING_QUANTITY = 4;
  public static final int D_LIST_UNIT_PRICE = 5;
  public static final int D_CONTRACTED_UNIT_PRICE = 6;
  public static final int D_CONSUMED_QUANTITY = 7;
  public static final int D_CD_QUANTITY = 8;
  public static final int D_PC_CONTRACTED_UNIT_PRICE = 9;
  public static final int D_PC_EFFECTIVE = 10;
  public static final int D_PC_LIST_UNIT_PRICE = 11;
  public static final int DECIMALS = 12;
  public static final int T_CHARGE_START = 0;
  public static final int T_CHARGE_END = 1;
  public static final int T_BILLING_START = 2;
  public static final int T_BILLING_END = 3;
  public static final int TIMES = 4;

  private Fields() {}

  /** The built-in dimensions' names (FOCUS column names, plus {@code Source}) and their string columns. */
  private static final Map<String, Integer> DIMENSIONS =
      Map.ofEntries(
          Map.entry("Source", SOURCE),
          Map.entry("ProviderName", PROVIDER),
          Map.entry("PublisherName", PUBLISHER),
          Map.entry("BillingAccountId", BILLING_ACCOUNT),
          Map.entry("SubAccountId", SUB_ACCOUNT),
          Map.entry("RegionId", REGION),
          Map.entry("AvailabilityZone", ZONE),
          Map.entry("ServiceName", SERVICE),
          Map.entry("ServiceCategory", SERVICE_CATEGORY),
          Map.entry("ResourceId", RESOURCE),
          Map.entry("ResourceName", RESOURCE_NAME),
          Map.entry("ResourceType", RESOURCE_TYPE),
          Map.entry("SkuId", SKU),
          Map.entry("ChargeCategory", CHARGE_CATEGORY),
          Map.entry("ChargeFrequency", CHARGE_FREQUENCY),
          Map.entry("ChargeDescription", CHARGE_DESCRIPTION),
          Map.entry("PricingCategory", PRICING_CATEGORY),
          Map.entry("PricingUnit", PRICING_UNIT),
          Map.entry("CommitmentDiscountId", CD_ID),
          Map.entry("CommitmentDiscountStatus", CD_STATUS),
          Map.entry("BillingCurrency", CURRENCY),
          Map.entry("InvoiceIssuerName", INVOICE_ISSUER));

  /**
   * The string column of a dimension by its name; {@link #TAGS} for a {@code tag:} dimension.
   *
   * @param name a built-in dimension name or {@code tag:<key>}
   * @return the column
   * @throws IllegalArgumentException for an unknown name
   */
  public static int dimension(String name) {
    if (name.startsWith("tag:")) {
      return TAGS;
    }
    Integer f = DIMENSIONS.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown dimension '" + name + "'");
    }
    return f;
  }

  /** A string column of a record; SOURCE is not in the record and gives null. */
  public static String string(CostRecord r, int f) {
    switch (f) {
      case PROVIDER:
        return r.providerName();
      case PUBLISHER:
        return r.publisherName();
      case INVOICE_ISSUER:
        return r.invoiceIssuerName();
      case INVOICE_ID:
        return r.invoiceId();
      case BILLING_ACCOUNT:
        return r.billingAccountId();
      case BILLING_ACCOUNT_NAME:
        return r.billingAccountName();
      case BILLING_ACCOUNT_TYPE:
        return r.billingAccountType();
      case SUB_ACCOUNT:
        return r.subAccountId();
      case SUB_ACCOUNT_NAME:
        return r.subAccountName();
      case SUB_ACCOUNT_TYPE:
        return r.subAccountType();
      case REGION:
        return r.regionId();
      case REGION_NAME:
        return r.regionName();
      case ZONE:
        return r.availabilityZone();
      case SERVICE:
        return r.serviceName();
      case SERVICE_CATEGORY:
        return r.serviceCategory();
      case SERVICE_SUBCATEGORY:
        return r.serviceSubcategory();
      case RESOURCE:
        return r.resourceId();
      case RESOURCE_NAME:
        return r.resourceName();
      case RESOURCE_TYPE:
        return r.resourceType();
      case SKU:
        return r.skuId();
      case SKU_PRICE:
        return r.skuPriceId();
      case SKU_METER:
        return r.skuMeter();
      case PRICING_CATEGORY:
        return r.pricingCategory();
      case PRICING_UNIT:
        return r.pricingUnit();
      case CONSUMED_UNIT:
        return r.consumedUnit();
      case CD_ID:
        return r.commitmentDiscountId();
      case CD_NAME:
        return r.commitmentDiscountName();
      case CD_CATEGORY:
        return r.commitmentDiscountCategory();
      case CD_TYPE:
        return r.commitmentDiscountType();
      case CD_STATUS:
        return r.commitmentDiscountStatus();
      case CD_UNIT:
        return r.commitmentDiscountUnit();
      case CR_ID:
        return r.capacityReservationId();
      case CR_STATUS:
        return r.capacityReservationStatus();
      case CHARGE_DESCRIPTION:
        return r.chargeDescription();
      case CHARGE_CATEGORY:
        return r.chargeCategory().focusValue();
      case CHARGE_FREQUENCY:
        return r.chargeFrequency() == null ? null : r.chargeFrequency().focusValue();
      case CHARGE_CLASS:
        return r.correction() ? "Correction" : null;
      case CURRENCY:
        return r.billingCurrency().getCurrencyCode();
      case TAGS:
        return encodeTags(r.tags());
      case LINE_ITEM_ID:
        return r.lineItemId();
      case PRICING_CURRENCY:
        return r.pricingCurrency();
      case SKU_PRICE_DETAILS:
        return r.skuPriceDetails();
      default:
        return null;
    }
  }

  /** Sets a string column on a builder (SOURCE is ignored). */
  public static void setString(CostRecord.Builder b, int f, String v) {
    switch (f) {
      case PROVIDER:
        b.providerName(v);
        break;
      case PUBLISHER:
        b.publisherName(v);
        break;
      case INVOICE_ISSUER:
        b.invoiceIssuerName(v);
        break;
      case INVOICE_ID:
        b.invoiceId(v);
        break;
      case BILLING_ACCOUNT:
        b.billingAccountId(v);
        break;
      case BILLING_ACCOUNT_NAME:
        b.billingAccountName(v);
        break;
      case BILLING_ACCOUNT_TYPE:
        b.billingAccountType(v);
        break;
      case SUB_ACCOUNT:
        b.subAccountId(v);
        break;
      case SUB_ACCOUNT_NAME:
        b.subAccountName(v);
        break;
      case SUB_ACCOUNT_TYPE:
        b.subAccountType(v);
        break;
      case REGION:
        b.regionId(v);
        break;
      case REGION_NAME:
        b.regionName(v);
        break;
      case ZONE:
        b.availabilityZone(v);
        break;
      case SERVICE:
        b.serviceName(v);
        break;
      case SERVICE_CATEGORY:
        b.serviceCategory(v);
        break;
      case SERVICE_SUBCATEGORY:
        b.serviceSubcategory(v);
        break;
      case RESOURCE:
        b.resourceId(v);
        break;
      case RESOURCE_NAME:
        b.resourceName(v);
        break;
      case RESOURCE_TYPE:
        b.resourceType(v);
        break;
      case SKU:
        b.skuId(v);
        break;
      case SKU_PRICE:
        b.skuPriceId(v);
        break;
      case SKU_METER:
        b.skuMeter(v);
        break;
      case PRICING_CATEGORY:
        b.pricingCategory(v);
        break;
      case PRICING_UNIT:
        b.pricingUnit(v);
        break;
      case CONSUMED_UNIT:
        b.consumedUnit(v);
        break;
      case CD_ID:
        b.commitmentDiscountId(v);
        break;
      case CD_NAME:
        b.commitmentDiscountName(v);
        break;
      case CD_CATEGORY:
        b.commitmentDiscountCategory(v);
        break;
      case CD_TYPE:
        b.commitmentDiscountType(v);
        break;
      case CD_STATUS:
        b.commitmentDiscountStatus(v);
        break;
      case CD_UNIT:
        b.commitmentDiscountUnit(v);
        break;
      case CR_ID:
        b.capacityReservationId(v);
        break;
      case CR_STATUS:
        b.capacityReservationStatus(v);
        break;
      case CHARGE_DESCRIPTION:
        b.chargeDescription(v);
        break;
      case CHARGE_CATEGORY:
        b.chargeCategory(ChargeCategory.fromFocus(v));
        break;
      case CHARGE_FREQUENCY:
        b.chargeFrequency(v == null ? null : ChargeFrequency.fromFocus(v));
        break;
      case CHARGE_CLASS:
        b.correction(v != null);
        break;
      case CURRENCY:
        b.billingCurrency(Currency.getInstance(v));
        break;
      case TAGS:
        b.tags(decodeTags(v));
        break;
      case LINE_ITEM_ID:
        b.lineItemId(v);
        break;
      case PRICING_CURRENCY:
        b.pricingCurrency(v);
        break;
      case SKU_PRICE_DETAILS:
        b.skuPriceDetails(v);
        break;
      default:
        break;
    }
  }

  public static BigDecimal decimal(CostRecord r, int f) {
    switch (f) {
      case D_BILLED:
        return r.billedCost();
      case D_EFFECTIVE:
        return r.effectiveCost();
      case D_LIST:
        return r.listCost();
      case D_CONTRACTED:
        return r.contractedCost();
      case D_PRICING_QUANTITY:
        return r.pricingQuantity();
      case D_LIST_UNIT_PRICE:
        return r.listUnitPrice();
      case D_CONTRACTED_UNIT_PRICE:
        return r.contractedUnitPrice();
      case D_CONSUMED_QUANTITY:
        return r.consumedQuantity();
      case D_CD_QUANTITY:
        return r.commitmentDiscountQuantity();
      case D_PC_CONTRACTED_UNIT_PRICE:
        return r.pricingCurrencyContractedUnitPrice();
      case D_PC_EFFECTIVE:
        return r.pricingCurrencyEffectiveCost();
      case D_PC_LIST_UNIT_PRICE:
        return r.pricingCurrencyListUnitPrice();
      default:
        throw new IllegalArgumentException("no decimal column " + f);
    }
  }

  public static void setDecimal(CostRecord.Builder b, int f, BigDecimal v) {
    switch (f) {
      case D_BILLED:
        b.billedCost(v);
        break;
      case D_EFFECTIVE:
        b.effectiveCost(v);
        break;
      case D_LIST:
        b.listCost(v);
        break;
      case D_CONTRACTED:
        b.contractedCost(v);
        break;
      case D_PRICING_QUANTITY:
        b.pricingQuantity(v);
        break;
      case D_LIST_UNIT_PRICE:
        b.listUnitPrice(v);
        break;
      case D_CONTRACTED_UNIT_PRICE:
        b.contractedUnitPrice(v);
        break;
      case D_CONSUMED_QUANTITY:
        b.consumedQuantity(v);
        break;
      case D_CD_QUANTITY:
        b.commitmentDiscountQuantity(v);
        break;
      case D_PC_CONTRACTED_UNIT_PRICE:
        b.pricingCurrencyContractedUnitPrice(v);
        break;
      case D_PC_EFFECTIVE:
        b.pricingCurrencyEffectiveCost(v);
        break;
      case D_PC_LIST_UNIT_PRICE:
        b.pricingCurrencyListUnitPrice(v);
        break;
      default:
        throw new IllegalArgumentException("no decimal column " + f);
    }
  }

  public static Instant time(CostRecord r, int f) {
    switch (f) {
      case T_CHARGE_START:
        return r.chargePeriodStart();
      case T_CHARGE_END:
        return r.chargePeriodEnd();
      case T_BILLING_START:
        return r.billingPeriodStart();
      case T_BILLING_END:
        return r.billingPeriodEnd();
      default:
        throw new IllegalArgumentException("no time column " + f);
    }
  }

  public static void setTime(CostRecord.Builder b, int f, Instant v) {
    switch (f) {
      case T_CHARGE_START:
        b.chargePeriodStart(v);
        break;
      case T_CHARGE_END:
        b.chargePeriodEnd(v);
        break;
      case T_BILLING_START:
        b.billingPeriodStart(v);
        break;
      case T_BILLING_END:
        b.billingPeriodEnd(v);
        break;
      default:
        throw new IllegalArgumentException("no time column " + f);
    }
  }

  /** Tags as one string: key US value RS, in the map's order; null for no tags. */
  public static String encodeTags(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      sb.append(e.getKey()).append('\u001f').append(e.getValue()).append('\u001e');
    }
    return sb.toString();
  }

  public static Map<String, String> decodeTags(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    if (s == null) {
      return m;
    }
    int i = 0;
    while (i < s.length()) {
      int us = s.indexOf('\u001f', i);
      int rs = s.indexOf('\u001e', us);
      m.put(s.substring(i, us), s.substring(us + 1, rs));
      i = rs + 1;
    }
    return m;
  }
}
