package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Oracle Cloud Infrastructure cost reports ({@code reports/cost-csv/*.csv}: {@code lineItem/…}, {@code product/…},
 * {@code usage/…}, {@code cost/…}, {@code tags/…} columns). OCI's FOCUS report is plain FOCUS and is read by the FOCUS
 * reader. Reference: the FinOps Foundation conversion rules {@code conversion-rules-oci.csv}; deviations are marked.
 *
 * <ul>
 *   <li>BilledCost = EffectiveCost = ContractedCost = ListCost = cost/myCost + cost/myCostOverage (an empty cell is
 *       0). Deviation: the rules take BilledCost from myCostOverage alone, which is empty on every row of the public
 *       sample, and leave ListCost undefined; the report carries no list price, so ListCost is the billed cost.
 *       Reconciliation sums the same two columns.
 *   <li>BillingCurrency = cost/currencyCode. BillingAccountId = cost/subscriptionId; SubAccountId =
 *       lineItem/tenantId (as the rules); SubAccountName = product/compartmentName (not in the rules).
 *   <li>ChargePeriod = lineItem/intervalUsageStart/End; BillingPeriod = the UTC calendar month of the charge start
 *       (as the rules' MONTH_START/MONTH_END).
 *   <li>ChargeCategory = Usage, ChargeFrequency = Usage-Based; lineItem/isCorrection = true marks a correction.
 *   <li>ProviderName, PublisherName and InvoiceIssuerName = Oracle.
 *   <li>RegionId = product/region; AvailabilityZone = product/availabilityDomain; ResourceId = product/resourceId.
 *   <li>ServiceName = product/service; ServiceCategory from the service (COMPUTE → Compute, DATABASE/MYSQL →
 *       Databases, NETWORK → Networking, BLOCK_STORAGE/OBJECTSTORE → Storage, TELEMETRY → Management and Governance,
 *       ORACLE_STREAMING_SERVICE → Integration), else Other (the rules leave it undefined).
 *   <li>SkuId = cost/productSku; SkuMeter and ChargeDescription = product/Description.
 *   <li>ConsumedQuantity = PricingQuantity = usage/billedQuantity; ConsumedUnit = PricingUnit =
 *       cost/skuUnitDescription; ContractedUnitPrice = cost/unitPrice.
 *   <li>Tags = the {@code tags/<namespace>.<key>} columns, keyed {@code <namespace>.<key>}; empty cells are absent.
 *   <li>lineItemId = lineItem/referenceNo.
 * </ul>
 */
final class OciCostReportFormat extends RowFormat {
  private static final Map<String, String> CATEGORIES =
      Map.of(
          "compute", "Compute",
          "database", "Databases",
          "mysql", "Databases",
          "network", "Networking",
          "block_storage", "Storage",
          "objectstore", "Storage",
          "telemetry", "Management and Governance",
          "oracle_streaming_service", "Integration");

  @Override
  String id() {
    return "oci";
  }

  @Override
  Bound bind(Header h) {
    return new B(h);
  }

  private static final class B implements Bound {
    private final Parse p = new Parse();
    private final FrozenTags.Interner interner = new FrozenTags.Interner();
    private final Header header;
    private final int referenceNo;
    private final int tenant;
    private final int start;
    private final int end;
    private final int service;
    private final int compartmentName;
    private final int region;
    private final int domain;
    private final int resource;
    private final int quantity;
    private final int subscription;
    private final int sku;
    private final int description;
    private final int unitPrice;
    private final int cost;
    private final int overage;
    private final int currency;
    private final int unit;
    private final int correction;
    private final List<Integer> tagColumns;

    B(Header h) {
      header = h;
      referenceNo = h.find("lineItem/referenceNo");
      tenant = h.find("lineItem/tenantId");
      start = h.require("lineItem/intervalUsageStart");
      end = h.require("lineItem/intervalUsageEnd");
      service = h.require("product/service");
      compartmentName = h.find("product/compartmentName");
      region = h.find("product/region");
      domain = h.find("product/availabilityDomain");
      resource = h.find("product/resourceId");
      quantity = h.find("usage/billedQuantity");
      subscription = h.require("cost/subscriptionId");
      sku = h.find("cost/productSku");
      description = h.find("product/Description");
      unitPrice = h.find("cost/unitPrice");
      cost = h.require("cost/myCost");
      overage = h.find("cost/myCostOverage");
      currency = h.require("cost/currencyCode");
      unit = h.find("cost/skuUnitDescription");
      correction = h.find("lineItem/isCorrection");
      tagColumns = h.withPrefix("tags/");
    }

    @Override
    public String sourceCostColumn() {
      return "cost/myCost+cost/myCostOverage";
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      BigDecimal c = p.sourceAmount(row, cost);
      if (c == null) {
        return null;
      }
      BigDecimal o = p.sourceAmount(row, overage);
      return o == null ? c : c.add(o);
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(currency);
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      BigDecimal amount = p.requireDecimal(r, cost);
      BigDecimal extra = p.decimal(r, overage);
      if (extra != null) {
        amount = amount.add(extra);
      }
      Instant from = p.requireInstant(r, start);
      Instant to = p.requireInstant(r, end);
      YearMonth month = YearMonth.from(from.atOffset(ZoneOffset.UTC));
      String serviceName = r.require(service);
      String flag = r.get(correction);
      boolean corrected = false;
      if (flag != null) {
        if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
          throw new RowException(header.name(correction), "must be true or false", flag);
        }
        corrected = flag.equalsIgnoreCase("true");
      }
      BigDecimal qty = p.decimal(r, quantity);
      String unitText = r.get(unit);
      Map<String, String> tags = new LinkedHashMap<>();
      for (int c : tagColumns) {
        String v = r.get(c);
        if (v != null) {
          tags.put(header.name(c).substring("tags/".length()), v);
        }
      }
      return CostRecord.builder()
          .allCosts(amount)
          .billingCurrency(p.currency(r, currency))
          .billingAccountId(r.require(subscription))
          .subAccountId(r.get(tenant))
          .subAccountName(r.get(compartmentName))
          .chargePeriod(from, to)
          .billingPeriodStart(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
          .billingPeriodEnd(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
          .chargeCategory(ChargeCategory.USAGE)
          .chargeFrequency(ChargeFrequency.USAGE_BASED)
          .correction(corrected)
          .chargeDescription(r.get(description))
          .providerName("Oracle")
          .publisherName("Oracle")
          .invoiceIssuerName("Oracle")
          .regionId(r.get(region))
          .availabilityZone(r.get(domain))
          .resourceId(r.get(resource))
          .serviceName(serviceName)
          .serviceCategory(CATEGORIES.getOrDefault(serviceName.toLowerCase(Locale.ROOT), "Other"))
          .skuId(r.get(sku))
          .skuMeter(r.get(description))
          .consumedQuantity(qty)
          .consumedUnit(unitText)
          .pricingQuantity(qty)
          .pricingUnit(unitText)
          .contractedUnitPrice(p.decimal(r, unitPrice))
          .tags(interner.intern(tags))
          .lineItemId(r.get(referenceNo))
          .build();
    }
  }
}
