package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS Cost and Usage Report: legacy CUR CSV ({@code lineItem/UnblendedCost} headers) and CUR 2.0 Data Exports
 * ({@code line_item_unblended_cost}). Each column is looked up under both names. Reference: the FinOps Foundation
 * conversion rules {@code conversion-rules-aws-cur.csv} and {@code conversion-rules-aws.csv}; deviations are marked.
 *
 * <ul>
 *   <li>BilledCost = NetUnblendedCost when present, else UnblendedCost (as the rules). Reconciliation sums the same.
 *   <li>EffectiveCost (as the rules): SavingsPlanCoveredUsage → SavingsPlanEffectiveCost; SavingsPlanRecurringFee →
 *       TotalCommitmentToDate − UsedCommitment (the unused commitment); SavingsPlanNegation and SavingsPlanUpfrontFee →
 *       0; DiscountedUsage → reservation/EffectiveCost; RIFee → UnusedAmortizedUpfrontFeeForBillingPeriod +
 *       UnusedRecurringFee (the unused reservation); otherwise UnblendedCost. A fee row whose effective cost is not
 *       zero carries {@code CommitmentDiscountStatus = Unused}: the unused commitment is visible as its own charge.
 *   <li>ListCost = pricing/publicOnDemandCost (deviation: the rules compute rate × amount; the reported cost is exact
 *       and is what AWS bills against), else publicOnDemandRate × UsageAmount, else BilledCost.
 *       ContractedCost = UnblendedCost (rates before net discounts). ListUnitPrice = publicOnDemandRate,
 *       ContractedUnitPrice = UnblendedRate.
 *   <li>ChargeCategory from LineItemType as the rules, except Credit → Credit (FOCUS 1.0 added that category;
 *       the rules predate it). Unknown types → Adjustment.
 *   <li>ChargeFrequency from LineItemType (deviation: the rules use BillType, which marks every anniversary-bill row
 *       Recurring): Usage kinds → Usage-Based, RIFee/SavingsPlanRecurringFee → Recurring, Fee/SavingsPlanUpfrontFee/
 *       Tax/Credit/Refund → One-Time for fees, Recurring for tax.
 *   <li>Periods: UsageStartDate/UsageEndDate, bill/BillingPeriodStartDate/EndDate (UTC).
 *   <li>ProviderName = AWS; PublisherName = LegalEntity; InvoiceIssuerName = bill/InvoicingEntity; InvoiceId.
 *   <li>BillingAccountId = PayerAccountId (name from bill_payer_account_name in CUR 2.0); SubAccountId =
 *       UsageAccountId (name from line_item_usage_account_name).
 *   <li>ServiceName = product/ProductName when present (deviation: the rules use the product code; AWS's own FOCUS
 *       export writes the product name, e.g. "Amazon Elastic Compute Cloud"), else ProductCode. ServiceCategory:
 *       the rules' lookup of ProductCode in {@code aws_category_mapping.csv}, "Other" when unknown.
 *   <li>RegionId = product/region (legacy) or product_region_code; RegionName = product/location;
 *       AvailabilityZone as is.
 *   <li>ResourceId = lineItem/ResourceId; ResourceType = the resource-type part of an ARN
 *       ({@code arn:aws:ec2:…:instance/i-1} → {@code instance}), else null.
 *   <li>PricingCurrency = pricing/currency. When it equals the billing currency (as in every CUR seen: AWS prices
 *       and bills a CUR in one currency), PricingCurrencyListUnitPrice = ListUnitPrice,
 *       PricingCurrencyContractedUnitPrice = ContractedUnitPrice and PricingCurrencyEffectiveCost = EffectiveCost;
 *       when it differs they are null (the CUR carries no exchange rate). The rules predate these 1.2 columns.
 *   <li>SkuPriceDetails (FOCUS 1.2 property names): CoreCount = product/vcpu, InstanceType = product/instanceType,
 *       MemorySize = product/memory in GiB, OperatingSystem = product/operatingSystem, StorageClass =
 *       product/storageClass (CUR 2.0: the {@code product_…} columns or the {@code product} map); null when none.
 *   <li>SkuId = product/sku; SkuPriceId = pricing/RateCode, else RateId. PricingQuantity = UsageAmount;
 *       PricingUnit = ConsumedUnit = pricing/unit; ConsumedQuantity = UsageAmount on usage rows.
 *   <li>PricingCategory: Committed for reservation/savings-plan covered usage, Dynamic for spot usage types,
 *       Standard for pricing/term OnDemand, else null.
 *   <li>Commitment: SavingsPlanARN → Spend / "Savings Plan"; ReservationARN (or reservation/SubscriptionId on RI
 *       rows) → Usage / "Reservation".
 *   <li>Tags: {@code resourceTags/user:team} columns (the {@code user:} prefix removed) or the CUR 2.0
 *       {@code resource_tags} JSON map ({@code user_} prefix removed).
 *   <li>lineItemId = identity/LineItemId; with the charge period it is the row identity restatements keep.
 * </ul>
 */
final class AwsCurFormat extends RowFormat {
  @Override
  String id() {
    return "aws-cur";
  }

  @Override
  Bound bind(Header h) {
    return new B(h);
  }

  private static int col(Header h, String cur2, String legacy) {
    return h.find(cur2, legacy);
  }

  private static int req(Header h, String cur2, String legacy) {
    return h.require(cur2, legacy);
  }

  private static final class B implements Bound {
    private final Parse p = new Parse();
    private final Json.TagCache tagCache = new Json.TagCache();
    private final FrozenTags.Interner interner = new FrozenTags.Interner();
    private final java.util.LinkedHashMap<String, String> rowTags = new java.util.LinkedHashMap<>();
    private static final int TAG_SLOTS = 1024;
    private final String[][] tagKeysCache = new String[TAG_SLOTS][];
    private final FrozenTags[] tagMapsCache = new FrozenTags[TAG_SLOTS];
    private final String[] tagScratch;
    private final Header h;
    private final int id;
    private final int invoiceId;
    private final int invoicingEntity;
    private final int payer;
    private final int payerName;
    private final int bpStart;
    private final int bpEnd;
    private final int usageAccount;
    private final int usageAccountName;
    private final int type;
    private final int start;
    private final int end;
    private final int productCode;
    private final int usageType;
    private final int zone;
    private final int amount;
    private final int currency;
    private final int unblendedRate;
    private final int unblendedCost;
    private final int netUnblendedCost;
    private final int description;
    private final int legalEntity;
    private final int productName;
    private final int region;
    private final int location;
    private final int resource;
    private final int sku;
    private final int rateCode;
    private final int rateId;
    private final int publicCost;
    private final int publicRate;
    private final int term;
    private final int unit;
    private final int riEffective;
    private final int riUnusedUpfront;
    private final int riUnusedRecurring;
    private final int riArn;
    private final int riSubscription;
    private final int spArn;
    private final int spEffective;
    private final int spTotal;
    private final int spUsed;
    private final int tagsJson;
    private final int pricingCurrency;
    private final int productJson;
    private final int[] skuColumns = new int[SkuDetails.SIZE];
    private final String[] skuValues = new String[SkuDetails.SIZE];
    private final SkuDetails skuDetails = new SkuDetails();
    private final Json.TagCache productCache = new Json.TagCache();
    private final List<Integer> tagColumns;
    private final List<String> tagKeys;

    B(Header h) {
      this.h = h;
      id = col(h, "identity_line_item_id", "identity/LineItemId");
      invoiceId = col(h, "bill_invoice_id", "bill/InvoiceId");
      invoicingEntity = col(h, "bill_invoicing_entity", "bill/InvoicingEntity");
      payer = req(h, "bill_payer_account_id", "bill/PayerAccountId");
      payerName = col(h, "bill_payer_account_name", "bill/PayerAccountName");
      bpStart = req(h, "bill_billing_period_start_date", "bill/BillingPeriodStartDate");
      bpEnd = req(h, "bill_billing_period_end_date", "bill/BillingPeriodEndDate");
      usageAccount = col(h, "line_item_usage_account_id", "lineItem/UsageAccountId");
      usageAccountName = col(h, "line_item_usage_account_name", "lineItem/UsageAccountName");
      type = req(h, "line_item_line_item_type", "lineItem/LineItemType");
      start = req(h, "line_item_usage_start_date", "lineItem/UsageStartDate");
      end = req(h, "line_item_usage_end_date", "lineItem/UsageEndDate");
      productCode = req(h, "line_item_product_code", "lineItem/ProductCode");
      usageType = col(h, "line_item_usage_type", "lineItem/UsageType");
      zone = col(h, "line_item_availability_zone", "lineItem/AvailabilityZone");
      amount = col(h, "line_item_usage_amount", "lineItem/UsageAmount");
      currency = req(h, "line_item_currency_code", "lineItem/CurrencyCode");
      unblendedRate = col(h, "line_item_unblended_rate", "lineItem/UnblendedRate");
      unblendedCost = req(h, "line_item_unblended_cost", "lineItem/UnblendedCost");
      netUnblendedCost = col(h, "line_item_net_unblended_cost", "lineItem/NetUnblendedCost");
      description = col(h, "line_item_line_item_description", "lineItem/LineItemDescription");
      legalEntity = col(h, "line_item_legal_entity", "lineItem/LegalEntity");
      productName = col(h, "product_product_name", "product/ProductName");
      region = h.find("product_region_code", "product/region", "product/regionCode", "product_region");
      location = col(h, "product_location", "product/location");
      resource = col(h, "line_item_resource_id", "lineItem/ResourceId");
      sku = col(h, "product_sku", "product/sku");
      rateCode = col(h, "pricing_rate_code", "pricing/RateCode");
      rateId = col(h, "pricing_rate_id", "pricing/RateId");
      publicCost = col(h, "pricing_public_on_demand_cost", "pricing/publicOnDemandCost");
      publicRate = col(h, "pricing_public_on_demand_rate", "pricing/publicOnDemandRate");
      term = col(h, "pricing_term", "pricing/term");
      unit = col(h, "pricing_unit", "pricing/unit");
      riEffective = col(h, "reservation_effective_cost", "reservation/EffectiveCost");
      riUnusedUpfront =
          col(h, "reservation_unused_amortized_upfront_fee_for_billing_period",
              "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod");
      riUnusedRecurring = col(h, "reservation_unused_recurring_fee", "reservation/UnusedRecurringFee");
      riArn = col(h, "reservation_reservation_a_r_n", "reservation/ReservationARN");
      riSubscription = col(h, "reservation_subscription_id", "reservation/SubscriptionId");
      spArn = col(h, "savings_plan_savings_plan_a_r_n", "savingsPlan/SavingsPlanARN");
      spEffective = col(h, "savings_plan_savings_plan_effective_cost", "savingsPlan/SavingsPlanEffectiveCost");
      spTotal = col(h, "savings_plan_total_commitment_to_date", "savingsPlan/TotalCommitmentToDate");
      spUsed = col(h, "savings_plan_used_commitment", "savingsPlan/UsedCommitment");
      tagsJson = h.find("resource_tags");
      pricingCurrency = col(h, "pricing_currency", "pricing/currency");
      productJson = h.find("product");
      skuColumns[SkuDetails.CORE_COUNT] = col(h, "product_vcpu", "product/vcpu");
      skuColumns[SkuDetails.INSTANCE_TYPE] = col(h, "product_instance_type", "product/instanceType");
      skuColumns[SkuDetails.MEMORY_SIZE] = col(h, "product_memory", "product/memory");
      skuColumns[SkuDetails.OPERATING_SYSTEM] = col(h, "product_operating_system", "product/operatingSystem");
      skuColumns[SkuDetails.STORAGE_CLASS] = col(h, "product_storage_class", "product/storageClass");
      tagColumns = h.withPrefix("resourceTags/");
      tagScratch = new String[tagColumns.size()];
      tagKeys = new java.util.ArrayList<>();
      for (int c : tagColumns) {
        String key = h.name(c).substring("resourceTags/".length());
        tagKeys.add(key.startsWith("user:") ? key.substring(5) : key);
      }
    }

    @Override
    public String sourceCostColumn() {
      return netUnblendedCost >= 0 ? h.name(netUnblendedCost) + " (else " + h.name(unblendedCost) + ")"
          : h.name(unblendedCost);
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      try {
        BigDecimal net = p.decimal(row, netUnblendedCost);
        return net != null ? net : p.decimal(row, unblendedCost);
      } catch (RowException e) {
        return null;
      }
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(currency);
    }

    private BigDecimal zeroIfNull(BigDecimal v) {
      return v == null ? BigDecimal.ZERO : v;
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      String t = r.require(type);
      BigDecimal unblended = p.requireDecimal(r, unblendedCost);
      BigDecimal net = p.decimal(r, netUnblendedCost);
      BigDecimal billed = net != null ? net : unblended;
      BigDecimal usage = p.decimal(r, amount);
      String sp = r.get(spArn);
      String ri = r.get(riArn);
      if (ri == null && (t.equals("RIFee") || t.equals("DiscountedUsage"))) {
        ri = r.get(riSubscription);
      }
      BigDecimal effective;
      String status = null;
      switch (t) {
        case "SavingsPlanCoveredUsage":
          effective = zeroIfNull(p.decimal(r, spEffective));
          status = "Used";
          break;
        case "SavingsPlanRecurringFee":
          effective = zeroIfNull(p.decimal(r, spTotal)).subtract(zeroIfNull(p.decimal(r, spUsed)));
          break;
        case "SavingsPlanNegation":
        case "SavingsPlanUpfrontFee":
          effective = BigDecimal.ZERO;
          break;
        case "DiscountedUsage":
          effective = zeroIfNull(p.decimal(r, riEffective));
          status = "Used";
          break;
        case "RIFee":
          effective = zeroIfNull(p.decimal(r, riUnusedUpfront)).add(zeroIfNull(p.decimal(r, riUnusedRecurring)));
          break;
        case "Fee":
          effective = ri != null ? BigDecimal.ZERO : unblended;
          break;
        default:
          effective = unblended;
      }
      if ((t.equals("RIFee") || t.equals("SavingsPlanRecurringFee")) && effective.signum() != 0) {
        status = "Unused";
      }
      ChargeCategory category;
      ChargeFrequency frequency;
      switch (t) {
        case "Tax":
          category = ChargeCategory.TAX;
          frequency = ChargeFrequency.RECURRING;
          break;
        case "Fee":
        case "SavingsPlanUpfrontFee":
          category = ChargeCategory.PURCHASE;
          frequency = ChargeFrequency.ONE_TIME;
          break;
        case "RIFee":
        case "SavingsPlanRecurringFee":
          category = ChargeCategory.PURCHASE;
          frequency = ChargeFrequency.RECURRING;
          break;
        case "Usage":
        case "SavingsPlanCoveredUsage":
        case "SavingsPlanNegation":
        case "DiscountedUsage":
        case "BundledDiscount":
        case "Discount":
        case "PrivateRateDiscount":
        case "EdpDiscount":
          category = ChargeCategory.USAGE;
          frequency = ChargeFrequency.USAGE_BASED;
          break;
        case "Credit":
          category = ChargeCategory.CREDIT;
          frequency = ChargeFrequency.ONE_TIME;
          break;
        default:
          category = ChargeCategory.ADJUSTMENT;
          frequency = ChargeFrequency.ONE_TIME;
      }
      BigDecimal list = p.decimal(r, publicCost);
      BigDecimal listRate = p.decimal(r, publicRate);
      if (list == null) {
        list = listRate != null && usage != null ? listRate.multiply(usage) : billed;
      }
      String code = r.require(productCode);
      String name = r.get(productName);
      String resourceId = r.get(resource);
      String usageTypeValue = r.get(usageType);
      String pricingCategory;
      if (status != null && status.equals("Used")) {
        pricingCategory = "Committed";
      } else if (usageTypeValue != null && usageTypeValue.contains("SpotUsage")) {
        pricingCategory = "Dynamic";
      } else if ("OnDemand".equals(r.get(term))) {
        pricingCategory = "Standard";
      } else {
        pricingCategory = null;
      }
      String lineId = r.get(id);
      String pricingUnit = r.get(unit);
      java.util.Currency billingCurrency = p.currency(r, currency);
      String pc = r.get(pricingCurrency);
      boolean samePc = pc != null && pc.equalsIgnoreCase(billingCurrency.getCurrencyCode());
      BigDecimal contractedRate = p.decimal(r, unblendedRate);
      CostRecord.Builder b =
          CostRecord.builder()
              .billedCost(billed)
              .effectiveCost(effective)
              .listCost(list)
              .contractedCost(unblended)
              .billingCurrency(billingCurrency)
              .chargeCategory(category)
              .chargeFrequency(frequency)
              .chargeDescription(r.get(description))
              .chargePeriodStart(p.requireInstant(r, start))
              .chargePeriodEnd(p.requireInstant(r, end))
              .billingPeriodStart(p.requireInstant(r, bpStart))
              .billingPeriodEnd(p.requireInstant(r, bpEnd))
              .providerName("AWS")
              .publisherName(r.get(legalEntity))
              .invoiceIssuerName(r.get(invoicingEntity))
              .invoiceId(r.get(invoiceId))
              .billingAccountId(r.require(payer))
              .billingAccountName(r.get(payerName))
              .subAccountId(r.get(usageAccount))
              .subAccountName(r.get(usageAccountName))
              .regionId(r.get(region))
              .regionName(r.get(location))
              .availabilityZone(r.get(zone))
              .serviceName(name != null ? name : code)
              .serviceCategory(Lookups.AWS_CATEGORY.getOrDefault(code.toLowerCase(Locale.ROOT), "Other"))
              .resourceId(resourceId)
              .resourceType(arnResourceType(resourceId))
              .skuId(r.get(sku))
              .skuPriceId(r.get(rateCode) != null ? r.get(rateCode) : r.get(rateId))
              .pricingCategory(pricingCategory)
              .pricingQuantity(usage)
              .pricingUnit(pricingUnit)
              .listUnitPrice(listRate)
              .contractedUnitPrice(contractedRate)
              .pricingCurrency(pc)
              .pricingCurrencyListUnitPrice(samePc ? listRate : null)
              .pricingCurrencyContractedUnitPrice(samePc ? contractedRate : null)
              .pricingCurrencyEffectiveCost(samePc ? effective : null)
              .skuPriceDetails(skuPriceDetails(r))
              .consumedQuantity(category == ChargeCategory.USAGE ? usage : null)
              .consumedUnit(category == ChargeCategory.USAGE ? pricingUnit : null)
              .commitmentDiscountStatus(status)
              .lineItemId(lineId);
      if (sp != null) {
        b.commitmentDiscountId(sp).commitmentDiscountCategory("Spend").commitmentDiscountType("Savings Plan");
      } else if (ri != null) {
        b.commitmentDiscountId(ri).commitmentDiscountCategory("Usage").commitmentDiscountType("Reservation");
      } else {
        b.commitmentDiscountStatus(null);
      }
      String json = r.get(tagsJson);
      int tagCount = tagColumns.size();
      if (json == null && tagCount > 0) {
        b.tags(columnTags(r));
        return b.build();
      }
      rowTags.clear();
      for (int k = 0; k < tagCount; k++) {
        String v = r.get(tagColumns.get(k));
        if (v != null) {
          rowTags.put(tagKeys.get(k), v);
        }
      }
      if (json != null) {
        for (Map.Entry<String, String> e : tagCache.parse(h.name(tagsJson), json).entrySet()) {
          String key = e.getKey();
          rowTags.put(key.startsWith("user_") ? key.substring(5) : key, e.getValue());
        }
      }
      b.tags(interner.intern(rowTags));
      return b.build();
    }

    /** SkuPriceDetails from the product columns, or from the CUR 2.0 {@code product} map. */
    private String skuPriceDetails(Row r) throws RowException {
      String map = r.get(productJson);
      Map<String, String> product = map == null ? Map.of() : productCache.parse(h.name(productJson), map);
      boolean any = false;
      for (int k = 0; k < SkuDetails.SIZE; k++) {
        String v = r.get(skuColumns[k]);
        if (v == null && !product.isEmpty()) {
          v = product.get(PRODUCT_KEYS[k]);
        }
        skuValues[k] = v;
        any |= v != null;
      }
      return any ? skuDetails.of(skuValues) : null;
    }

    /**
     * The tags of the {@code resourceTags/} columns, through a small cache keyed by the cells' values: rows repeat
     * a few tag combinations, whose maps are then built once.
     */
    private Map<String, String> columnTags(Row r) {
      int n = tagColumns.size();
      String[] values = tagScratch;
      int h = 0;
      for (int k = 0; k < n; k++) {
        String v = r.get(tagColumns.get(k));
        values[k] = v;
        h = 31 * h + (v == null ? 0 : v.hashCode());
      }
      int slot = (h ^ (h >>> 12)) & (TAG_SLOTS - 1);
      String[] key = tagKeysCache[slot];
      if (key != null && java.util.Arrays.equals(key, values)) {
        return tagMapsCache[slot];
      }
      rowTags.clear();
      for (int k = 0; k < n; k++) {
        if (values[k] != null) {
          rowTags.put(tagKeys.get(k), values[k]);
        }
      }
      FrozenTags tags = interner.intern(rowTags);
      tagKeysCache[slot] = values.clone();
      tagMapsCache[slot] = tags;
      return tags;
    }
  }

  /** The CUR 2.0 {@code product} map keys of the SkuDetails attributes. */
  private static final String[] PRODUCT_KEYS = {
    "vcpu", "instance_type", "memory", "operating_system", "storage_class"
  };

  /** The resource-type part of an ARN: {@code arn:aws:ec2:us-east-1:1:instance/i-1} gives {@code instance}. */
  static String arnResourceType(String resourceId) {
    if (resourceId == null || !resourceId.startsWith("arn:")) {
      return null;
    }
    int colon = 3;
    for (int k = 0; k < 4; k++) {
      colon = resourceId.indexOf(':', colon + 1);
      if (colon < 0) {
        return null;
      }
    }
    int next = resourceId.indexOf(':', colon + 1);
    int slash = resourceId.indexOf('/', colon + 1);
    int end = next < 0 ? resourceId.length() : next;
    if (slash > colon + 1 && slash < end) {
      return resourceId.substring(colon + 1, slash);
    }
    return next >= 0 ? resourceId.substring(colon + 1, next) : null;
  }

}
