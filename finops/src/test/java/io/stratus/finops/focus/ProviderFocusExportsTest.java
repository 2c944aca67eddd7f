package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FOCUS reader on the headers of AWS's FOCUS 1.2 Data Export (60 columns) and Azure's focuscost 1.2 export (104
 * columns, many {@code x_} extensions), as listed in the shared data's COLUMNS.md; one row each, built here.
 */
class ProviderFocusExportsTest {
  static final String AWS_FOCUS_12 =
      "AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingAccountType,BillingCurrency,"
          + "BillingPeriodEnd,BillingPeriodStart,CapacityReservationId,CapacityReservationStatus,ChargeCategory,"
          + "ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,"
          + "CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountQuantity,"
          + "CommitmentDiscountType,CommitmentDiscountUnit,CommitmentDiscountStatus,ConsumedQuantity,ConsumedUnit,"
          + "ContractedCost,ContractedUnitPrice,EffectiveCost,InvoiceId,InvoiceIssuerName,ListCost,ListUnitPrice,"
          + "PricingCategory,PricingCurrency,PricingCurrencyContractedUnitPrice,PricingCurrencyEffectiveCost,"
          + "PricingCurrencyListUnitPrice,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,"
          + "ResourceId,ResourceName,ResourceType,ServiceCategory,ServiceName,ServiceSubcategory,SkuId,SkuMeter,"
          + "SkuPriceId,SkuPriceDetails,SubAccountId,SubAccountName,SubAccountType,Tags,x_Discounts,x_Operation,"
          + "x_ServiceCode";

  static final String AZURE_FOCUS_12 =
      "BilledCost,BillingAccountId,BillingAccountName,BillingAccountType,BillingCurrency,BillingPeriodEnd,"
          + "BillingPeriodStart,CapacityReservationId,CapacityReservationStatus,ChargeCategory,ChargeClass,"
          + "ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,CommitmentDiscountCategory,"
          + "CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountQuantity,CommitmentDiscountStatus,"
          + "CommitmentDiscountType,CommitmentDiscountUnit,ConsumedQuantity,ConsumedUnit,ContractedCost,"
          + "ContractedUnitPrice,EffectiveCost,InvoiceId,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,"
          + "PricingCurrency,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,"
          + "ResourceName,ResourceType,ServiceCategory,ServiceName,ServiceSubcategory,SkuId,SkuMeter,SkuPriceDetails,"
          + "SkuPriceId,SubAccountId,SubAccountName,SubAccountType,Tags,x_AccountId,x_AccountName,x_AccountOwnerId,"
          + "x_AmortizationClass,x_BilledCostInUsd,x_BilledUnitPrice,x_BillingAccountId,x_BillingAccountName,"
          + "x_BillingExchangeRate,x_BillingExchangeRateDate,x_BillingProfileId,x_BillingProfileName,"
          + "x_ContractedCostInUsd,x_CostAllocationRuleName,x_CostCenter,x_CustomerId,x_CustomerName,"
          + "x_EffectiveCostInUsd,x_EffectiveUnitPrice,x_InvoiceIssuerId,x_InvoiceSectionId,x_InvoiceSectionName,"
          + "x_ListCostInUsd,x_PartnerCreditApplied,x_PartnerCreditRate,x_PricingBlockSize,x_PricingSubcategory,"
          + "x_PricingUnitDescription,x_PublisherCategory,x_PublisherId,x_ResellerId,x_ResellerName,"
          + "x_ResourceGroupName,x_ResourceType,x_ServiceModel,x_ServicePeriodEnd,x_ServicePeriodStart,"
          + "x_SkuDescription,x_SkuIsCreditEligible,x_SkuMeterCategory,x_SkuMeterId,x_SkuMeterSubcategory,"
          + "x_SkuOfferId,x_SkuOrderId,x_SkuOrderName,x_SkuPartNumber,x_SkuPlanName,x_SkuRegion,x_SkuServiceFamily,"
          + "x_SkuTerm,x_SkuTier";

  private static String row(String header, Map<String, String> values) {
    List<String> cells = new ArrayList<>();
    for (String col : header.split(",")) {
      String v = values.getOrDefault(col, "");
      cells.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
    }
    return header + "\n" + String.join(",", cells) + "\n";
  }

  private static Map<String, String> mandatory() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("BilledCost", "0.192");
    v.put("EffectiveCost", "0.15");
    v.put("ListCost", "0.2");
    v.put("ContractedCost", "0.192");
    v.put("BillingCurrency", "USD");
    v.put("BillingAccountId", "acct-1");
    v.put("BillingPeriodStart", "2025-05-01T00:00:00Z");
    v.put("BillingPeriodEnd", "2025-06-01T00:00:00Z");
    v.put("ChargePeriodStart", "2025-05-02T03:00:00Z");
    v.put("ChargePeriodEnd", "2025-05-02T04:00:00Z");
    v.put("ChargeCategory", "Usage");
    v.put("ChargeFrequency", "Usage-Based");
    v.put("ServiceName", "Virtual Machines");
    v.put("ServiceCategory", "Compute");
    v.put("ServiceSubcategory", "Compute/Virtual Machines");
    v.put("CommitmentDiscountQuantity", "1");
    v.put("CommitmentDiscountUnit", "Hours");
    v.put("SkuPriceDetails", "{\"CoreCount\": 2}");
    v.put("Tags", "{\"team\": \"ml\"}");
    return v;
  }

  private static List<CostRecord> read(String csv) {
    List<CostRecord> out = new ArrayList<>();
    ReadReport r =
        BillingReaders.detect().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "x.csv", out::add);
    assertThat(r.format()).isEqualTo("focus");
    assertThat(r.isClean()).as("%s", r.rejections()).isTrue();
    assertThat(r.isReconciled()).isTrue();
    return out;
  }

  @Test
  void read_awsFocus12DataExport_readsFocusColumnsAndIgnoresExtensions() {
    Map<String, String> v = mandatory();
    v.put("ProviderName", "AWS");
    v.put("x_Operation", "RunInstances");
    v.put("x_ServiceCode", "AmazonEC2");
    CostRecord r = read(row(AWS_FOCUS_12, v)).get(0);
    assertThat(r.providerName()).isEqualTo("AWS");
    assertThat(r.effectiveCost()).isEqualByComparingTo("0.15");
    assertThat(r.commitmentDiscountQuantity()).isEqualByComparingTo("1");
    assertThat(r.tags()).containsEntry("team", "ml");
  }

  @Test
  void read_azureFocus12Export_readsFocusColumnsAndIgnoresExtensions() {
    Map<String, String> v = mandatory();
    v.put("ProviderName", "Microsoft");
    v.put("x_BillingExchangeRate", "1");
    v.put("x_ResourceGroupName", "rg-ml");
    CostRecord r = read(row(AZURE_FOCUS_12, v)).get(0);
    assertThat(r.providerName()).isEqualTo("Microsoft");
    assertThat(r.serviceSubcategory()).isEqualTo("Compute/Virtual Machines");
    assertThat(r.billedCost()).isEqualByComparingTo("0.192");
  }
}
