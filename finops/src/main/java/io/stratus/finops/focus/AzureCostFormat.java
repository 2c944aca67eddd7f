package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Azure Cost Management exports (cost details): Enterprise Agreement and Microsoft Customer Agreement, actual and
 * amortized cost, with the older ({@code CostInBillingCurrency}, {@code BillingCurrencyCode}, {@code ProductName})
 * and newer ({@code Cost}, {@code BillingCurrency}, {@code Product}) column names; MCA's camelCase names match too,
 * since columns are looked up ignoring case. Reference: the FinOps Foundation rules
 * {@code conversion-rules-azure.csv} and Microsoft's open-data tables (bundled); deviations are marked.
 *
 * <ul>
 *   <li>Actual cost: BilledCost = EffectiveCost = Cost (the export carries no amortization; use {@link Amortizer} to
 *       spread commitment purchases over the usage they cover). Amortized cost: EffectiveCost = Cost; BilledCost = 0
 *       on rows a reservation or savings plan covers (their price was billed with the purchase), else Cost; the
 *       reconciliation then sums EffectiveCost. The rules map both to CostInBillingCurrency.
 *   <li>ListCost = PayGPrice × Quantity when PayGPrice is given (not on purchases), else Cost; ContractedCost =
 *       UnitPrice × Quantity when UnitPrice is given, else Cost. ListUnitPrice = PayGPrice, ContractedUnitPrice =
 *       UnitPrice.
 *   <li>PricingCurrency = PricingCurrency (MCA), else the billing currency (EA prices and bills in one currency).
 *       PricingCurrencyListUnitPrice = PayGPrice, PricingCurrencyContractedUnitPrice = UnitPrice (Azure's prices are
 *       in the pricing currency); PricingCurrencyEffectiveCost = Cost when both currencies are the same, else
 *       CostInPricingCurrency when the export has it, else null.
 *   <li>SkuPriceDetails from AdditionalInfo: vCores → CoreCount, ServiceType → InstanceType when it is a VM size
 *       ({@code Standard_…}, {@code Basic_…}); null when
 *       neither is there (AdditionalInfo that is not a JSON object is ignored, the row is kept).
 *   <li>ChargeCategory from ChargeType as the rules (UnusedReservation/UnusedSavingsPlan → Usage with
 *       CommitmentDiscountStatus Unused), plus Credit → Credit; other values → Adjustment. ChargeFrequency from
 *       Frequency (OneTime, Recurring, UsageBased); other values → null (the rules' "Other" is not a FOCUS value).
 *   <li>ChargePeriod = the Date's day, [Date, Date + 1 day) (deviation: the rules set the start to the billing period
 *       start). BillingPeriod = BillingPeriodStartDate to BillingPeriodEndDate + 1 day (Azure's end date is
 *       inclusive). Dates are M/d/yyyy or ISO.
 *   <li>ProviderName and InvoiceIssuerName = Microsoft (as Microsoft's own FOCUS export; the rules write "Azure");
 *       PublisherName = PublisherName, else Microsoft.
 *   <li>BillingAccountId/Name as is; SubAccountId/Name = SubscriptionId/SubscriptionName.
 *   <li>RegionId/RegionName: ResourceLocation looked up in Microsoft's {@code Regions.csv}; unknown values are kept
 *       lower-cased as RegionId. AvailabilityZone as is.
 *   <li>ServiceName, ServiceCategory, ServiceSubcategory: Microsoft's {@code Services.csv} by ConsumedService and the
 *       resource type, then by ConsumedService alone; else ServiceName = MeterCategory (or ConsumedService) and the
 *       category from the rules' {@code azure_category_mapping.csv}, else "Other".
 *   <li>ResourceId, ResourceName (else the last segment of the id); ResourceType = the ARM type in the id, e.g.
 *       {@code microsoft.storage/storageaccounts}.
 *   <li>SkuId = MeterId; SkuMeter = MeterName; ChargeDescription = Product/ProductName.
 *   <li>PricingQuantity = Quantity and PricingUnit = UnitOfMeasure (prices are per unit of measure, e.g. per "10K");
 *       ConsumedQuantity = Quantity × the block size from {@code PricingUnits.csv}, ConsumedUnit = its distinct unit.
 *   <li>PricingCategory: OnDemand → Standard, Spot → Dynamic, Reservation/SavingsPlan → Committed, other → Other
 *       (the rules' "On-Demand" is not a FOCUS value).
 *   <li>Commitment: benefitId (else ReservationId) and benefitName (else ReservationName); category and type from
 *       the id ({@code /microsoft.capacity/} → Usage, Reservation; {@code /microsoft.billingbenefits/} → Spend,
 *       Savings Plan) or from PricingModel.
 *   <li>Tags: the Tags JSON, with or without its braces.
 * </ul>
 */
final class AzureCostFormat extends RowFormat {
  /** Whether the file is an amortized-cost export; null to decide from the file name. */
  private final Boolean amortized;

  AzureCostFormat(Boolean amortized) {
    this.amortized = amortized;
  }

  @Override
  String id() {
    return amortized == null ? "azure" : amortized ? "azure-amortized" : "azure-actual";
  }

  /** A copy that knows from the file name whether the export is amortized. */
  AzureCostFormat forFile(String fileName) {
    if (amortized != null) {
      return this;
    }
    return new AzureCostFormat(fileName.toLowerCase(Locale.ROOT).contains("amortized"));
  }

  @Override
  Bound bind(Header h) {
    return new B(h, Boolean.TRUE.equals(amortized));
  }

  /** The source columns: each with its names (the first present wins) and whether it is mandatory. */
  private enum Col {
    COST(true, "Cost", "CostInBillingCurrency", "PreTaxCost"),
    CURRENCY(true, "BillingCurrency", "BillingCurrencyCode", "Currency"),
    DATE(true, "Date", "UsageDateTime", "UsageDate"),
    BP_START(true, "BillingPeriodStartDate"),
    BP_END(true, "BillingPeriodEndDate"),
    ACCOUNT(true, "BillingAccountId"),
    ACCOUNT_NAME(false, "BillingAccountName"),
    SUBSCRIPTION(false, "SubscriptionId", "SubscriptionGuid"),
    SUBSCRIPTION_NAME(false, "SubscriptionName"),
    CHARGE_TYPE(false, "ChargeType"),
    FREQUENCY(false, "Frequency"),
    PRICING_MODEL(false, "PricingModel"),
    BENEFIT_ID(false, "benefitId"),
    BENEFIT_NAME(false, "benefitName"),
    RESERVATION_ID(false, "ReservationId"),
    RESERVATION_NAME(false, "ReservationName"),
    CONSUMED_SERVICE(false, "ConsumedService"),
    RESOURCE_ID(false, "ResourceId", "InstanceId"),
    RESOURCE_NAME(false, "ResourceName"),
    LOCATION(false, "ResourceLocation"),
    ZONE(false, "AvailabilityZone"),
    METER_ID(false, "MeterId"),
    METER_NAME(false, "MeterName"),
    METER_CATEGORY(false, "MeterCategory"),
    PRODUCT(false, "Product", "ProductName"),
    UNIT_OF_MEASURE(false, "UnitOfMeasure"),
    QUANTITY(false, "Quantity"),
    UNIT_PRICE(false, "UnitPrice"),
    PAYG_PRICE(false, "PayGPrice"),
    PUBLISHER(false, "PublisherName"),
    TAGS(false, "Tags"),
    INVOICE_ID(false, "InvoiceId"),
    PRICING_CURRENCY(false, "PricingCurrency", "PricingCurrencyCode"),
    COST_IN_PRICING_CURRENCY(false, "CostInPricingCurrency"),
    ADDITIONAL_INFO(false, "AdditionalInfo");

    final boolean required;
    final String[] names;

    Col(boolean required, String... names) {
      this.required = required;
      this.names = names;
    }
  }

  private static final class B implements Bound {
    private static final Duration DAY = Duration.ofDays(1);
    private final Parse p = new Parse();
    private final Json.TagCache tagCache = new Json.TagCache();
    private final boolean amortized;
    private final int[] col = new int[Col.values().length];
    private final Json.TagCache infoCache = new Json.TagCache();
    private final SkuDetails skuDetails = new SkuDetails();
    private final String[] skuValues = new String[SkuDetails.SIZE];

    B(Header h, boolean amortized) {
      this.amortized = amortized;
      for (Col c : Col.values()) {
        col[c.ordinal()] = c.required ? h.require(c.names) : h.find(c.names);
      }
    }

    /** The index of a source column in this file, or -1. */
    private int at(Col c) {
      return col[c.ordinal()];
    }

    @Override
    public String sourceCostColumn() {
      return "Cost";
    }

    @Override
    public String normalizedCostColumn() {
      return amortized ? "EffectiveCost" : "BilledCost";
    }

    @Override
    public BigDecimal normalizedCost(CostRecord record) {
      return amortized ? record.effectiveCost() : record.billedCost();
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      return p.sourceAmount(row, at(Col.COST));
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(at(Col.CURRENCY));
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      BigDecimal c = p.requireDecimal(r, at(Col.COST));
      BigDecimal qty = p.decimal(r, at(Col.QUANTITY));
      BigDecimal unit = p.decimal(r, at(Col.UNIT_PRICE));
      BigDecimal payg = p.decimal(r, at(Col.PAYG_PRICE));
      String type = r.get(at(Col.CHARGE_TYPE));
      String model = r.get(at(Col.PRICING_MODEL));
      String benefit = r.get(at(Col.BENEFIT_ID));
      String benefitLabel = r.get(at(Col.BENEFIT_NAME));
      if (benefit == null && ("Reservation".equalsIgnoreCase(model) || "SavingsPlan".equalsIgnoreCase(model))) {
        benefit = r.get(at(Col.RESERVATION_ID));
        benefitLabel = r.get(at(Col.RESERVATION_NAME));
      }
      ChargeCategory category;
      String status = null;
      String t = type == null ? "Usage" : type;
      switch (t.toLowerCase(Locale.ROOT)) {
        case "usage":
          category = ChargeCategory.USAGE;
          status = benefit != null ? "Used" : null;
          break;
        case "purchase":
          category = ChargeCategory.PURCHASE;
          break;
        case "tax":
          category = ChargeCategory.TAX;
          break;
        case "credit":
          category = ChargeCategory.CREDIT;
          break;
        case "unusedreservation":
        case "unusedsavingsplan":
          category = ChargeCategory.USAGE;
          status = "Unused";
          break;
        default:
          category = ChargeCategory.ADJUSTMENT;
      }
      boolean covered = category == ChargeCategory.USAGE && benefit != null;
      BigDecimal billed = amortized && covered ? BigDecimal.ZERO : c;
      Instant day = p.requireInstant(r, at(Col.DATE));
      String rid = r.get(at(Col.RESOURCE_ID));
      String rtype = armType(rid);
      String consumed = r.get(at(Col.CONSUMED_SERVICE));
      String consumedKey = consumed == null ? "" : consumed.toLowerCase(Locale.ROOT);
      String[] svc = Lookups.AZURE_SERVICES.get(consumedKey + "|" + (rtype == null ? "" : rtype));
      if (svc == null && !consumedKey.isEmpty()) {
        svc = Lookups.AZURE_SERVICES.get(consumedKey + "|");
      }
      if (svc == null && rtype != null) {
        svc = Lookups.AZURE_SERVICES.get("|" + rtype);
      }
      String serviceName;
      String serviceCategory;
      String serviceSubcategory = null;
      if (svc != null) {
        serviceName = svc[2];
        serviceCategory = svc[3];
        serviceSubcategory = svc[4].isEmpty() ? null : svc[3] + "/" + svc[4];
      } else {
        String meterCat = r.get(at(Col.METER_CATEGORY));
        serviceName = meterCat != null ? meterCat : consumed != null ? consumed : "Unknown";
        serviceCategory = Lookups.AZURE_CATEGORY.getOrDefault(consumedKey, "Other");
      }
      String loc = r.get(at(Col.LOCATION));
      String regionId = null;
      String regionName = null;
      if (loc != null) {
        String[] reg = Lookups.AZURE_REGIONS.get(loc.toLowerCase(Locale.ROOT));
        regionId = reg != null ? reg[0] : loc.toLowerCase(Locale.ROOT);
        regionName = reg != null ? reg[1] : null;
      }
      String uom = r.get(at(Col.UNIT_OF_MEASURE));
      BigDecimal consumedQty = null;
      String consumedUnit = null;
      if (uom != null && qty != null) {
        String[] u = Lookups.AZURE_UNITS.get(uom);
        consumedQty = qty.multiply(Lookups.azureBlockSize(uom));
        consumedUnit = u != null ? u[1] : uom;
      }
      String pricingCategory = null;
      if (model != null) {
        switch (model.toLowerCase(Locale.ROOT)) {
          case "ondemand":
            pricingCategory = "Standard";
            break;
          case "spot":
            pricingCategory = "Dynamic";
            break;
          case "reservation":
          case "savingsplan":
          case "savings plan":
            pricingCategory = "Committed";
            break;
          default:
            pricingCategory = "Other";
        }
      }
      String name = r.get(at(Col.RESOURCE_NAME));
      if (name == null && rid != null && rid.indexOf('/') >= 0 && !rid.endsWith("/")) {
        name = rid.substring(rid.lastIndexOf('/') + 1);
      }
      String publisherName = r.get(at(Col.PUBLISHER));
      java.util.Currency billingCurrency = p.currency(r, at(Col.CURRENCY));
      String pc = r.get(at(Col.PRICING_CURRENCY));
      if (pc == null) {
        pc = billingCurrency.getCurrencyCode();
      }
      boolean samePc = pc.equalsIgnoreCase(billingCurrency.getCurrencyCode());
      CostRecord.Builder b =
          CostRecord.builder()
              .billedCost(billed)
              .effectiveCost(c)
              .listCost(payg != null && qty != null && category != ChargeCategory.PURCHASE ? payg.multiply(qty) : c)
              .contractedCost(unit != null && qty != null && category != ChargeCategory.PURCHASE
                  ? unit.multiply(qty) : c)
              .billingCurrency(billingCurrency)
              .chargeCategory(category)
              .chargeFrequency(frequency(r.get(at(Col.FREQUENCY))))
              .chargeDescription(r.get(at(Col.PRODUCT)))
              .chargePeriodStart(day)
              .chargePeriodEnd(day.plus(DAY))
              .billingPeriodStart(p.requireInstant(r, at(Col.BP_START)))
              .billingPeriodEnd(p.requireInstant(r, at(Col.BP_END)).plus(DAY))
              .providerName("Microsoft")
              .publisherName(publisherName != null ? publisherName : "Microsoft")
              .invoiceIssuerName("Microsoft")
              .invoiceId(r.get(at(Col.INVOICE_ID)))
              .billingAccountId(r.require(at(Col.ACCOUNT)))
              .billingAccountName(r.get(at(Col.ACCOUNT_NAME)))
              .subAccountId(r.get(at(Col.SUBSCRIPTION)))
              .subAccountName(r.get(at(Col.SUBSCRIPTION_NAME)))
              .regionId(regionId)
              .regionName(regionName)
              .availabilityZone(r.get(at(Col.ZONE)))
              .serviceName(serviceName)
              .serviceCategory(serviceCategory)
              .serviceSubcategory(serviceSubcategory)
              .resourceId(rid)
              .resourceName(name)
              .resourceType(rtype)
              .skuId(r.get(at(Col.METER_ID)))
              .skuMeter(r.get(at(Col.METER_NAME)))
              .pricingCategory(pricingCategory)
              .pricingQuantity(qty)
              .pricingUnit(uom)
              .listUnitPrice(payg)
              .contractedUnitPrice(unit)
              .pricingCurrency(pc)
              .pricingCurrencyListUnitPrice(payg)
              .pricingCurrencyContractedUnitPrice(unit)
              .pricingCurrencyEffectiveCost(samePc ? c : p.decimal(r, at(Col.COST_IN_PRICING_CURRENCY)))
              .skuPriceDetails(skuPriceDetails(r))
              .consumedQuantity(category == ChargeCategory.USAGE ? consumedQty : null)
              .consumedUnit(category == ChargeCategory.USAGE ? consumedUnit : null)
              .commitmentDiscountStatus(benefit != null ? status : null);
      if (benefit != null) {
        String lower = benefit.toLowerCase(Locale.ROOT);
        boolean spend =
            lower.contains("/microsoft.billingbenefits/")
                || (!lower.contains("/microsoft.capacity/") && model != null
                    && model.toLowerCase(Locale.ROOT).startsWith("savings"));
        b.commitmentDiscountId(benefit)
            .commitmentDiscountName(benefitLabel)
            .commitmentDiscountCategory(spend ? "Spend" : "Usage")
            .commitmentDiscountType(spend ? "Savings Plan" : "Reservation");
      }
      String tagText = r.get(at(Col.TAGS));
      if (tagText != null) {
        b.tags(tagCache.parse("Tags", tagText));
      }
      return b.build();
    }

    /**
     * SkuPriceDetails from AdditionalInfo: vCores → CoreCount, ServiceType → InstanceType when it is a VM size
     * ({@code Standard_…} or {@code Basic_…}; other services use ServiceType for other things).
     */
    private String skuPriceDetails(Row r) {
      String info = r.get(at(Col.ADDITIONAL_INFO));
      if (info == null) {
        return null;
      }
      java.util.Map<String, String> m;
      try {
        m = infoCache.parse("AdditionalInfo", info);
      } catch (RowException e) {
        return null;
      }
      java.util.Arrays.fill(skuValues, null);
      skuValues[SkuDetails.CORE_COUNT] = m.get("vCores");
      String serviceType = m.get("ServiceType");
      if (serviceType != null && (serviceType.startsWith("Standard_") || serviceType.startsWith("Basic_"))) {
        skuValues[SkuDetails.INSTANCE_TYPE] = serviceType;
      }
      return skuValues[0] == null && skuValues[1] == null ? null : skuDetails.of(skuValues);
    }

    private static ChargeFrequency frequency(String v) {
      if (v == null) {
        return null;
      }
      switch (v.toLowerCase(Locale.ROOT)) {
        case "onetime":
        case "one-time":
          return ChargeFrequency.ONE_TIME;
        case "recurring":
          return ChargeFrequency.RECURRING;
        case "usagebased":
        case "usage-based":
          return ChargeFrequency.USAGE_BASED;
        default:
          return null;
      }
    }
  }

  /** The ARM resource type of a resource id, lower case: {@code microsoft.storage/storageaccounts}. */
  static String armType(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    String lower = resourceId.toLowerCase(Locale.ROOT);
    int i = lower.lastIndexOf("/providers/");
    if (i < 0) {
      return null;
    }
    String[] parts = lower.substring(i + "/providers/".length()).split("/");
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(parts[0]).append('/').append(parts[1]);
    for (int k = 3; k < parts.length; k += 2) {
      sb.append('/').append(parts[k]);
    }
    return sb.toString();
  }
}
