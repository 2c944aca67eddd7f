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

  private static final class B implements Bound {
    private static final Duration DAY = Duration.ofDays(1);
    private final Parse p = new Parse();
    private final Json.TagCache tagCache = new Json.TagCache();
    private final boolean amortized;
    private final int cost;
    private final int currency;
    private final int date;
    private final int bpStart;
    private final int bpEnd;
    private final int account;
    private final int accountName;
    private final int subscription;
    private final int subscriptionName;
    private final int chargeType;
    private final int frequency;
    private final int pricingModel;
    private final int benefitId;
    private final int benefitName;
    private final int reservationId;
    private final int reservationName;
    private final int consumedService;
    private final int resourceId;
    private final int resourceName;
    private final int location;
    private final int zone;
    private final int meterId;
    private final int meterName;
    private final int meterCategory;
    private final int product;
    private final int unitOfMeasure;
    private final int quantity;
    private final int unitPrice;
    private final int payGPrice;
    private final int publisher;
    private final int tags;
    private final int invoiceId;

    B(Header h, boolean amortized) {
      this.amortized = amortized;
      cost = h.require("Cost", "CostInBillingCurrency", "PreTaxCost");
      currency = h.require("BillingCurrency", "BillingCurrencyCode", "Currency");
      date = h.require("Date", "UsageDateTime", "UsageDate");
      bpStart = h.require("BillingPeriodStartDate");
      bpEnd = h.require("BillingPeriodEndDate");
      account = h.require("BillingAccountId");
      accountName = h.find("BillingAccountName");
      subscription = h.find("SubscriptionId", "SubscriptionGuid");
      subscriptionName = h.find("SubscriptionName");
      chargeType = h.find("ChargeType");
      frequency = h.find("Frequency");
      pricingModel = h.find("PricingModel");
      benefitId = h.find("benefitId");
      benefitName = h.find("benefitName");
      reservationId = h.find("ReservationId");
      reservationName = h.find("ReservationName");
      consumedService = h.find("ConsumedService");
      resourceId = h.find("ResourceId", "InstanceId");
      resourceName = h.find("ResourceName");
      location = h.find("ResourceLocation");
      zone = h.find("AvailabilityZone");
      meterId = h.find("MeterId");
      meterName = h.find("MeterName");
      meterCategory = h.find("MeterCategory");
      product = h.find("Product", "ProductName");
      unitOfMeasure = h.find("UnitOfMeasure");
      quantity = h.find("Quantity");
      unitPrice = h.find("UnitPrice");
      payGPrice = h.find("PayGPrice");
      publisher = h.find("PublisherName");
      tags = h.find("Tags");
      invoiceId = h.find("InvoiceId");
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
      return p.sourceAmount(row, cost);
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(currency);
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      BigDecimal c = p.requireDecimal(r, cost);
      BigDecimal qty = p.decimal(r, quantity);
      BigDecimal unit = p.decimal(r, unitPrice);
      BigDecimal payg = p.decimal(r, payGPrice);
      String type = r.get(chargeType);
      String model = r.get(pricingModel);
      String benefit = r.get(benefitId);
      String benefitLabel = r.get(benefitName);
      if (benefit == null && ("Reservation".equalsIgnoreCase(model) || "SavingsPlan".equalsIgnoreCase(model))) {
        benefit = r.get(reservationId);
        benefitLabel = r.get(reservationName);
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
      Instant day = p.requireInstant(r, date);
      String rid = r.get(resourceId);
      String rtype = armType(rid);
      String consumed = r.get(consumedService);
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
        String meterCat = r.get(meterCategory);
        serviceName = meterCat != null ? meterCat : consumed != null ? consumed : "Unknown";
        serviceCategory = Lookups.AZURE_CATEGORY.getOrDefault(consumedKey, "Other");
      }
      String loc = r.get(location);
      String regionId = null;
      String regionName = null;
      if (loc != null) {
        String[] reg = Lookups.AZURE_REGIONS.get(loc.toLowerCase(Locale.ROOT));
        regionId = reg != null ? reg[0] : loc.toLowerCase(Locale.ROOT);
        regionName = reg != null ? reg[1] : null;
      }
      String uom = r.get(unitOfMeasure);
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
      String name = r.get(resourceName);
      if (name == null && rid != null && rid.indexOf('/') >= 0 && !rid.endsWith("/")) {
        name = rid.substring(rid.lastIndexOf('/') + 1);
      }
      String publisherName = r.get(publisher);
      CostRecord.Builder b =
          CostRecord.builder()
              .billedCost(billed)
              .effectiveCost(c)
              .listCost(payg != null && qty != null && category != ChargeCategory.PURCHASE ? payg.multiply(qty) : c)
              .contractedCost(unit != null && qty != null && category != ChargeCategory.PURCHASE
                  ? unit.multiply(qty) : c)
              .billingCurrency(p.currency(r, currency))
              .chargeCategory(category)
              .chargeFrequency(frequency(r.get(frequency)))
              .chargeDescription(r.get(product))
              .chargePeriodStart(day)
              .chargePeriodEnd(day.plus(DAY))
              .billingPeriodStart(p.requireInstant(r, bpStart))
              .billingPeriodEnd(p.requireInstant(r, bpEnd).plus(DAY))
              .providerName("Microsoft")
              .publisherName(publisherName != null ? publisherName : "Microsoft")
              .invoiceIssuerName("Microsoft")
              .invoiceId(r.get(invoiceId))
              .billingAccountId(r.require(account))
              .billingAccountName(r.get(accountName))
              .subAccountId(r.get(subscription))
              .subAccountName(r.get(subscriptionName))
              .regionId(regionId)
              .regionName(regionName)
              .availabilityZone(r.get(zone))
              .serviceName(serviceName)
              .serviceCategory(serviceCategory)
              .serviceSubcategory(serviceSubcategory)
              .resourceId(rid)
              .resourceName(name)
              .resourceType(rtype)
              .skuId(r.get(meterId))
              .skuMeter(r.get(meterName))
              .pricingCategory(pricingCategory)
              .pricingQuantity(qty)
              .pricingUnit(uom)
              .listUnitPrice(payg)
              .contractedUnitPrice(unit)
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
      String tagText = r.get(tags);
      if (tagText != null) {
        b.tags(tagCache.parse("Tags", tagText));
      }
      return b.build();
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
