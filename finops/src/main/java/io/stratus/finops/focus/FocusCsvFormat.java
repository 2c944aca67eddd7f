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

  private static final class B implements Bound {
    private final Parse p = new Parse();
    private final boolean strict;
    private final Json.TagCache tagCache = new Json.TagCache();
    private final int billed;
    private final int effective;
    private final int list;
    private final int contracted;
    private final int currency;
    private final int account;
    private final int accountName;
    private final int accountType;
    private final int bpStart;
    private final int bpEnd;
    private final int cpStart;
    private final int cpEnd;
    private final int category;
    private final int chargeClass;
    private final int description;
    private final int frequency;
    private final int provider;
    private final int publisher;
    private final int issuer;
    private final int invoiceId;
    private final int subId;
    private final int subName;
    private final int subType;
    private final int regionId;
    private final int regionName;
    private final int zone;
    private final int service;
    private final int serviceCategory;
    private final int serviceSubcategory;
    private final int resourceId;
    private final int resourceName;
    private final int resourceType;
    private final int skuId;
    private final int skuPriceId;
    private final int skuMeter;
    private final int skuPriceDetails;
    private final int pricingCurrency;
    private final int pcContractedUnitPrice;
    private final int pcEffectiveCost;
    private final int pcListUnitPrice;
    private final int pricingCategory;
    private final int pricingQuantity;
    private final int pricingUnit;
    private final int listUnitPrice;
    private final int contractedUnitPrice;
    private final int consumedQuantity;
    private final int consumedUnit;
    private final int cdId;
    private final int cdName;
    private final int cdCategory;
    private final int cdType;
    private final int cdStatus;
    private final int cdQuantity;
    private final int cdUnit;
    private final int crId;
    private final int crStatus;
    private final int tags;
    private final int lineItemId;

    B(Header h, boolean strict) {
      this.strict = strict;
      billed = h.require("BilledCost");
      effective = h.require("EffectiveCost");
      list = h.require("ListCost");
      contracted = h.require("ContractedCost");
      currency = h.require("BillingCurrency");
      account = h.require("BillingAccountId");
      accountName = h.find("BillingAccountName");
      accountType = h.find("BillingAccountType");
      bpStart = h.require("BillingPeriodStart");
      bpEnd = h.require("BillingPeriodEnd");
      cpStart = h.require("ChargePeriodStart");
      cpEnd = h.require("ChargePeriodEnd");
      category = h.require("ChargeCategory");
      chargeClass = h.find("ChargeClass");
      description = h.find("ChargeDescription");
      frequency = h.find("ChargeFrequency");
      provider = h.require("ProviderName", "Provider", "ServiceProviderName");
      publisher = h.find("PublisherName", "Publisher");
      issuer = h.find("InvoiceIssuerName", "InvoiceIssuer");
      invoiceId = h.find("InvoiceId");
      subId = h.find("SubAccountId");
      subName = h.find("SubAccountName");
      subType = h.find("SubAccountType");
      regionId = h.find("RegionId", "Region");
      regionName = h.find("RegionName");
      zone = h.find("AvailabilityZone");
      service = h.require("ServiceName");
      serviceCategory = h.require("ServiceCategory");
      serviceSubcategory = h.find("ServiceSubcategory");
      resourceId = h.find("ResourceId");
      resourceName = h.find("ResourceName");
      resourceType = h.find("ResourceType");
      skuId = h.find("SkuId");
      skuPriceId = h.find("SkuPriceId");
      skuMeter = h.find("SkuMeter");
      skuPriceDetails = h.find("SkuPriceDetails", "x_SkuDetails");
      pricingCurrency = h.find("PricingCurrency", "x_PricingCurrency");
      pcContractedUnitPrice = h.find("PricingCurrencyContractedUnitPrice");
      pcEffectiveCost = h.find("PricingCurrencyEffectiveCost");
      pcListUnitPrice = h.find("PricingCurrencyListUnitPrice");
      pricingCategory = h.find("PricingCategory");
      pricingQuantity = h.find("PricingQuantity");
      pricingUnit = h.find("PricingUnit");
      listUnitPrice = h.find("ListUnitPrice");
      contractedUnitPrice = h.find("ContractedUnitPrice");
      consumedQuantity = h.find("ConsumedQuantity");
      consumedUnit = h.find("ConsumedUnit");
      cdId = h.find("CommitmentDiscountId");
      cdName = h.find("CommitmentDiscountName");
      cdCategory = h.find("CommitmentDiscountCategory");
      cdType = h.find("CommitmentDiscountType");
      cdStatus = h.find("CommitmentDiscountStatus");
      cdQuantity = h.find("CommitmentDiscountQuantity");
      cdUnit = h.find("CommitmentDiscountUnit");
      crId = h.find("CapacityReservationId");
      crStatus = h.find("CapacityReservationStatus");
      tags = h.find("Tags");
      lineItemId = h.find("x_LineItemId");
    }

    @Override
    public String sourceCostColumn() {
      return "BilledCost";
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      return p.sourceAmount(row, billed);
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(currency);
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      BigDecimal billedCost = p.requireDecimal(r, billed);
      BigDecimal contractedCost = p.decimal(r, contracted);
      if (contractedCost == null) {
        if (strict) {
          r.require(contracted);
        }
        contractedCost = billedCost;
        r.deviate(CONTRACTED_COST_NULL);
      }
      CostRecord.Builder b =
          CostRecord.builder()
              .billedCost(billedCost)
              .effectiveCost(p.requireDecimal(r, effective))
              .listCost(p.requireDecimal(r, list))
              .contractedCost(contractedCost)
              .billingCurrency(p.currency(r, currency))
              .billingAccountId(r.require(account))
              .billingAccountName(r.get(accountName))
              .billingAccountType(r.get(accountType))
              .billingPeriodStart(p.requireInstant(r, bpStart))
              .billingPeriodEnd(p.requireInstant(r, bpEnd))
              .chargePeriodStart(p.requireInstant(r, cpStart))
              .chargePeriodEnd(p.requireInstant(r, cpEnd))
              .chargeDescription(r.get(description))
              .providerName(r.require(provider))
              .publisherName(r.get(publisher))
              .invoiceIssuerName(r.get(issuer))
              .invoiceId(r.get(invoiceId))
              .subAccountId(r.get(subId))
              .subAccountName(r.get(subName))
              .subAccountType(r.get(subType))
              .regionId(r.get(regionId))
              .regionName(r.get(regionName))
              .availabilityZone(r.get(zone))
              .serviceName(r.require(service))
              .serviceCategory(r.require(serviceCategory))
              .serviceSubcategory(r.get(serviceSubcategory))
              .resourceId(r.get(resourceId))
              .resourceName(r.get(resourceName))
              .resourceType(r.get(resourceType))
              .skuId(r.get(skuId))
              .skuPriceId(r.get(skuPriceId))
              .skuMeter(r.get(skuMeter))
              .skuPriceDetails(r.get(skuPriceDetails))
              .pricingCurrency(r.get(pricingCurrency))
              .pricingCurrencyContractedUnitPrice(p.decimal(r, pcContractedUnitPrice))
              .pricingCurrencyEffectiveCost(p.decimal(r, pcEffectiveCost))
              .pricingCurrencyListUnitPrice(p.decimal(r, pcListUnitPrice))
              .pricingCategory(r.get(pricingCategory))
              .pricingQuantity(p.decimal(r, pricingQuantity))
              .pricingUnit(r.get(pricingUnit))
              .listUnitPrice(p.decimal(r, listUnitPrice))
              .contractedUnitPrice(p.decimal(r, contractedUnitPrice))
              .consumedQuantity(p.decimal(r, consumedQuantity))
              .consumedUnit(r.get(consumedUnit))
              .commitmentDiscountId(r.get(cdId))
              .commitmentDiscountName(r.get(cdName))
              .commitmentDiscountCategory(r.get(cdCategory))
              .commitmentDiscountType(r.get(cdType))
              .commitmentDiscountStatus(r.get(cdStatus))
              .commitmentDiscountQuantity(p.decimal(r, cdQuantity))
              .commitmentDiscountUnit(r.get(cdUnit))
              .capacityReservationId(r.get(crId))
              .capacityReservationStatus(r.get(crStatus))
              .lineItemId(r.get(lineItemId));
      String cat = r.require(category);
      try {
        b.chargeCategory(ChargeCategory.fromFocus(cat));
      } catch (IllegalArgumentException e) {
        throw new RowException(r.header().name(category), "not a FOCUS ChargeCategory", cat);
      }
      String freq = r.get(frequency);
      if (freq != null) {
        try {
          b.chargeFrequency(ChargeFrequency.fromFocus(freq));
        } catch (IllegalArgumentException e) {
          throw new RowException(r.header().name(frequency), "not a FOCUS ChargeFrequency", freq);
        }
      }
      String cls = r.get(chargeClass);
      if (cls != null) {
        if (!cls.equalsIgnoreCase("Correction")) {
          throw new RowException(r.header().name(chargeClass), "ChargeClass must be Correction or null", cls);
        }
        b.correction(true);
      }
      String t = r.get(tags);
      if (t != null) {
        b.tags(tagCache.parse(r.header().name(tags), t));
      }
      return b.build();
    }
  }
}
