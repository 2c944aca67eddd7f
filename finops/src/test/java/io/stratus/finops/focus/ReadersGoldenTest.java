package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReadersGoldenTest {
  static final class Read {
    final List<CostRecord> records = new ArrayList<>();
    ReadReport report;
  }

  static Read read(BillingFileReader reader, String resource) throws IOException {
    Read r = new Read();
    try (InputStream in = ReadersGoldenTest.class.getResourceAsStream("/golden/" + resource)) {
      r.report = reader.read(in, resource, r.records::add);
    }
    return r;
  }

  static Map<String, BigDecimal> billedBy(List<CostRecord> records, java.util.function.Function<CostRecord, String> key) {
    return records.stream()
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.reducing(BigDecimal.ZERO, CostRecord::billedCost,
            BigDecimal::add)));
  }

  static void assertAmount(BigDecimal actual, String expected) {
    assertThat(actual).isEqualByComparingTo(expected);
  }

  @Test
  void focusSample_slice_ingestsOracleRowsWithoutContractedCostAsAFinding() throws IOException {
    Read lenient = read(BillingReaders.focus(), "focus/focus-sample-slice.csv");
    assertThat(lenient.report.recordsEmitted()).isEqualTo(57);
    assertThat(lenient.report.isComplete()).isTrue();
    assertThat(lenient.report.findings())
        .containsExactly(
            new ConformanceFinding(
                "ContractedCost", "mandatory column must not be null (FOCUS 1.0+)", "set to BilledCost", 7, 51));
    assertThat(lenient.records.subList(50, 57))
        .allSatisfy(c -> {
          assertThat(c.providerName()).isEqualTo("Oracle");
          assertThat(c.contractedCost()).isEqualByComparingTo(c.billedCost());
        });
  }

  @Test
  void focusSample_sliceStrict_emitsValidRowsAndRejectsRowsWithoutContractedCost() throws IOException {
    Read r = read(BillingReaders.strict(BillingReaders.focus()), "focus/focus-sample-slice.csv");
    assertThat(r.report.rowsRead()).isEqualTo(57);
    assertThat(r.report.recordsEmitted()).isEqualTo(50);
    assertThat(r.report.rejectionCount()).isEqualTo(7);
    assertThat(r.report.findings()).isEmpty();
    assertThat(r.report.isComplete()).isFalse();
    assertThat(r.report.rejections())
        .allSatisfy(x -> {
          assertThat(x.column()).isEqualTo("ContractedCost");
          assertThat(x.reason()).isEqualTo("missing mandatory value");
        });
    assertThat(r.report.rejections().get(0).row()).isEqualTo(51);
    assertThat(r.report.isReconciled()).isTrue();
    Map<String, BigDecimal> byProvider = billedBy(r.records, CostRecord::providerName);
    assertAmount(byProvider.get("AWS"), "0.37108940480");
    assertAmount(byProvider.get("Microsoft"), "1.56804881400");
    assertAmount(billedBy(r.records, CostRecord::serviceName).get("Azure Kubernetes Service"), "1.58088000000");
    CostRecord first = r.records.get(0);
    assertThat(first.billedCost()).isEqualByComparingTo("0.00000080000");
    assertThat(first.effectiveCost()).isEqualByComparingTo("0");
    assertThat(first.billingAccountId()).isEqualTo("1234567890123");
    assertThat(first.billingPeriodStart()).isEqualTo(Instant.parse("2024-09-01T00:00:00Z"));
    assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2024-09-18T22:00:00Z"));
    assertThat(first.chargePeriodEnd()).isEqualTo(Instant.parse("2024-09-18T23:00:00Z"));
    assertThat(first.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
    assertThat(first.chargeFrequency()).isEqualTo(ChargeFrequency.USAGE_BASED);
    assertThat(first.serviceName()).isEqualTo("Amazon Simple Queue Service");
    assertThat(first.serviceCategory()).isEqualTo("Integration");
    assertThat(first.availabilityZone()).isNull();
    assertThat(first.listUnitPrice()).isEqualByComparingTo("0.0000004");
    assertThat(first.pricingUnit()).isEqualTo("Requests");
    assertThat(first.subAccountName()).isEqualTo("Atlas Nimbus");
    assertThat(first.tags()).isEmpty();
    assertThat(r.records.get(1).tags())
        .containsEntry("application", "BrightLensMatrix")
        .containsEntry("environment", "dev");
  }

  @Test
  void focusSmall_readsFocus12ColumnsCorrectionsAndTags() throws IOException {
    Read r = read(BillingReaders.focus(), "focus/focus-1.2-small.csv");
    assertThat(r.report.isClean()).isTrue();
    assertThat(r.records).hasSize(3);
    CostRecord vm = r.records.get(0);
    assertThat(vm.billingCurrency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(vm.serviceSubcategory()).isEqualTo("Compute/Virtual Machines");
    assertThat(vm.billingAccountType()).isEqualTo("Enterprise");
    assertThat(vm.invoiceId()).isEqualTo("INV-7");
    assertThat(vm.contractedUnitPrice()).isEqualByComparingTo("0.5208333333");
    assertThat(vm.tags()).isEqualTo(Map.of("team", "payments", "env", "prod"));
    CostRecord credit = r.records.get(1);
    assertThat(credit.correction()).isTrue();
    assertThat(credit.chargeCategory()).isEqualTo(ChargeCategory.CREDIT);
    assertThat(credit.billedCost()).isEqualByComparingTo("-2.00");
    CostRecord fee = r.records.get(2);
    assertThat(fee.commitmentDiscountQuantity()).isEqualByComparingTo("744");
    assertThat(fee.commitmentDiscountCategory()).isEqualTo("Spend");
    assertAmount(r.report.normalizedTotals().get("EUR"), "110.50");
  }

  @Test
  void focusWriter_roundTrip_readsBackEqualRecords() throws IOException {
    List<CostRecord> original = new ArrayList<>(read(BillingReaders.focus(), "focus/focus-1.2-small.csv").records);
    original.addAll(read(BillingReaders.focus(), "focus/focus-sample-slice.csv").records);
    original.addAll(read(BillingReaders.awsCur(), "aws/cur2-commitments.csv").records);
    original.addAll(read(BillingReaders.gcp(), "gcp/billing-standard.jsonl").records);
    StringWriter out = new StringWriter();
    try (FocusCsvWriter w = FocusCsvWriter.create(out)) {
      original.forEach(w::write);
    }
    List<CostRecord> back = new ArrayList<>();
    ReadReport report =
        BillingReaders.focus()
            .read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "roundtrip.csv",
                back::add);
    assertThat(report.isClean()).isTrue();
    assertThat(back).isEqualTo(original);
  }

  @Test
  void awsCurLegacy_slice_totalsPerServiceToTheCent() throws IOException {
    Read r = read(BillingReaders.awsCur(), "aws/cur-legacy-slice.csv");
    assertThat(r.report.rowsRead()).isEqualTo(69);
    assertThat(r.report.isClean()).isTrue();
    assertThat(r.report.isReconciled()).isTrue();
    assertAmount(r.report.sourceTotals().get("USD"), "1.6611896076");
    Map<String, BigDecimal> bySvc = billedBy(r.records, CostRecord::serviceName);
    assertAmount(bySvc.get("Amazon Simple Storage Service"), "1.4206340502");
    assertAmount(bySvc.get("AWS Key Management Service"), "0.2405555574");
    assertThat(r.records.stream().filter(x -> x.chargeCategory() == ChargeCategory.TAX)).hasSize(11);
    CostRecord first = r.records.get(0);
    assertThat(first.chargeCategory()).isEqualTo(ChargeCategory.TAX);
    assertThat(first.serviceName()).isEqualTo("AWS CloudTrail");
    assertThat(first.serviceCategory()).isEqualTo("Management and Governance");
    assertThat(first.billingAccountId()).isEqualTo("123412340534");
    assertThat(first.subAccountId()).isEqualTo("123412340534");
    assertThat(first.invoiceIssuerName()).isEqualTo("Amazon Web Services Canada, Inc.");
    assertThat(first.lineItemId()).isEqualTo("qmooz4hg3jabcdabcdabcdabcdabcdabcdabcdabcjqpgg7ep3a");
    assertThat(first.billingPeriodEnd()).isEqualTo(Instant.parse("2023-12-01T00:00:00Z"));
  }

  @Test
  void awsCur2_commitments_effectiveCostFollowsConversionRules() throws IOException {
    Read r = read(BillingReaders.awsCur(), "aws/cur2-commitments.csv");
    assertThat(r.report.isClean()).isTrue();
    assertThat(r.report.isReconciled()).isTrue();
    List<CostRecord> x = r.records;
    assertThat(x.get(0).billedCost()).isEqualByComparingTo("0.0912");
    assertThat(x.get(0).contractedCost()).isEqualByComparingTo("0.096");
    assertThat(x.get(0).tags()).isEqualTo(Map.of("team", "search", "env", "prod"));
    assertThat(x.get(0).resourceType()).isEqualTo("instance");
    assertThat(x.get(0).pricingCategory()).isEqualTo("Standard");
    assertThat(x.get(1).effectiveCost()).isEqualByComparingTo("0.11");
    assertThat(x.get(1).commitmentDiscountStatus()).isEqualTo("Used");
    assertThat(x.get(1).commitmentDiscountCategory()).isEqualTo("Spend");
    assertThat(x.get(1).pricingCategory()).isEqualTo("Committed");
    assertThat(x.get(2).effectiveCost()).isEqualByComparingTo("0");
    assertThat(x.get(3).chargeCategory()).isEqualTo(ChargeCategory.PURCHASE);
    assertThat(x.get(3).effectiveCost()).isEqualByComparingTo("14.2");
    assertThat(x.get(3).commitmentDiscountStatus()).isEqualTo("Unused");
    assertThat(x.get(4).effectiveCost()).isEqualByComparingTo("13.0");
    assertThat(x.get(4).commitmentDiscountType()).isEqualTo("Reservation");
    assertThat(x.get(5).effectiveCost()).isEqualByComparingTo("0.036");
    assertThat(x.get(6).chargeCategory()).isEqualTo(ChargeCategory.TAX);
    assertAmount(r.report.normalizedTotals().get("USD"), "112.9212");
  }

  @Test
  void azureEaActual_readsAndMapsRegionsServicesAndReservations() throws IOException {
    Read r = read(BillingReaders.azure(), "azure/EA_ActualCost_Small.csv");
    assertThat(r.report.format()).isEqualTo("azure-actual");
    assertThat(r.report.recordsEmitted()).isEqualTo(11);
    assertThat(r.report.isReconciled()).isTrue();
    assertAmount(r.report.normalizedTotals().get("USD"), "8.5450077867419368");
    CostRecord purchase = r.records.get(0);
    assertThat(purchase.chargeCategory()).isEqualTo(ChargeCategory.PURCHASE);
    assertThat(purchase.serviceName()).isEqualTo("Azure Reservations");
    assertThat(purchase.commitmentDiscountType()).isEqualTo("Reservation");
    assertThat(purchase.commitmentDiscountCategory()).isEqualTo("Usage");
    assertThat(purchase.regionId()).isEqualTo("uksouth");
    assertThat(purchase.regionName()).isEqualTo("UK South");
    assertThat(purchase.billingPeriodEnd()).isEqualTo(Instant.parse("2023-10-01T00:00:00Z"));
    assertThat(purchase.chargePeriodStart()).isEqualTo(Instant.parse("2023-09-21T00:00:00Z"));
    CostRecord blob = r.records.get(1);
    assertThat(blob.serviceName()).isEqualTo("Storage Accounts");
    assertThat(blob.serviceCategory()).isEqualTo("Storage");
    assertThat(blob.resourceType()).isEqualTo("microsoft.storage/storageaccounts");
    assertThat(blob.consumedQuantity()).isEqualByComparingTo("4");
    assertThat(blob.tags()).containsEntry("CostCenter", "1234").containsEntry("env", "prod");
  }

  @Test
  void azureEaAmortized_reconcilesEffectiveCostAndZeroesBilledCostOfCoveredUsage() throws IOException {
    Read r = read(BillingReaders.azure(), "azure/EA_AmortizedCost_Small.csv");
    assertThat(r.report.format()).isEqualTo("azure-amortized");
    assertThat(r.report.normalizedCostColumn()).isEqualTo("EffectiveCost");
    assertThat(r.report.recordsEmitted()).isEqualTo(28);
    assertThat(r.report.isReconciled()).isTrue();
    assertAmount(r.report.normalizedTotals().get("USD"), "16.2969321366366446274854190000");
    assertThat(r.records.stream().filter(x -> x.commitmentDiscountId() != null))
        .hasSize(2)
        .allSatisfy(x -> assertThat(x.billedCost()).isEqualByComparingTo("0"));
    assertThat(r.records.stream().filter(x -> "Savings Plan".equals(x.commitmentDiscountType()))).hasSize(1);
  }

  @Test
  void azureAnonymousOldColumns_readsCadAndBracelessTags() throws IOException {
    Read r = read(BillingReaders.detect(), "azure/ea-actual-cost-sample-anonymous.csv");
    assertThat(r.report.recordsEmitted()).isEqualTo(27);
    assertAmount(r.report.normalizedTotals().get("CAD"), "1.26136926505726");
    assertThat(r.records.get(0).tags()).isEqualTo(Map.of("tagA", "valueA", "tagB", "valueB", "tagC", "valueC"));
    assertThat(r.records.get(0).pricingCategory()).isEqualTo("Standard");
  }

  @Test
  void gcpJsonLines_mapsCreditsCommitmentsLabelsAndPacificInvoiceMonth() throws IOException {
    Read r = read(BillingReaders.detect(), "gcp/billing-standard.jsonl");
    assertThat(r.report.format()).isEqualTo("gcp");
    assertThat(r.report.isClean()).isTrue();
    assertThat(r.report.isReconciled()).isTrue();
    assertAmount(r.report.sourceTotals().get("USD"), "1.535811");
    CostRecord vm = r.records.get(0);
    assertThat(vm.providerName()).isEqualTo("Google Cloud");
    assertThat(vm.effectiveCost()).isEqualByComparingTo("0.019311");
    assertThat(vm.listCost()).isEqualByComparingTo("0.033");
    assertThat(vm.commitmentDiscountId()).isEqualTo("CUD-1");
    assertThat(vm.commitmentDiscountCategory()).isEqualTo("Usage");
    assertThat(vm.pricingCategory()).isEqualTo("Committed");
    assertThat(vm.billingPeriodStart()).isEqualTo(Instant.parse("2024-06-01T07:00:00Z"));
    assertThat(vm.billingPeriodEnd()).isEqualTo(Instant.parse("2024-07-01T07:00:00Z"));
    assertThat(vm.chargePeriodStart()).isEqualTo(Instant.parse("2024-06-03T10:00:00Z"));
    assertThat(vm.serviceCategory()).isEqualTo("Compute");
    assertThat(vm.subAccountId()).isEqualTo("shop-prod");
    assertThat(vm.tags()).isEqualTo(Map.of("team", "checkout", "env", "prod"));
    assertThat(vm.pricingQuantity()).isEqualByComparingTo("2");
    assertThat(vm.consumedQuantity()).isEqualByComparingTo("7200");
    assertThat(r.records.get(1).regionId()).isEqualTo("us");
    assertThat(r.records.get(1).serviceCategory()).isEqualTo("Storage");
    assertThat(r.records.get(2).chargeCategory()).isEqualTo(ChargeCategory.TAX);
  }

  @Test
  void gcpDetailedCsv_readsFlattenedColumnsAndKeepsCurrenciesApart() throws IOException {
    Read r = read(BillingReaders.gcp(), "gcp/billing-detailed.csv");
    assertThat(r.report.isClean()).isTrue();
    assertThat(r.report.sourceTotals()).containsOnlyKeys("EUR", "USD");
    CostRecord vm = r.records.get(0);
    assertThat(vm.commitmentDiscountCategory()).isEqualTo("Spend");
    assertThat(vm.effectiveCost()).isEqualByComparingTo("0.029611");
    assertThat(vm.resourceId()).isEqualTo("//compute.googleapis.com/projects/shop-prod/zones/us-central1-a/instances/vm-1");
    assertThat(vm.resourceName()).isEqualTo("vm-1");
    assertThat(vm.contractedUnitPrice()).isEqualByComparingTo("0.0158055");
    assertThat(r.records.get(1).billingCurrency()).isEqualTo(Currency.getInstance("EUR"));
  }

  @Test
  void detect_choosesTheFormatFromTheHeader() throws IOException {
    assertThat(read(BillingReaders.detect(), "focus/focus-1.2-small.csv").report.format()).isEqualTo("focus");
    assertThat(read(BillingReaders.detect(), "aws/cur2-commitments.csv").report.format()).isEqualTo("aws-cur");
    assertThat(read(BillingReaders.detect(), "gcp/billing-detailed.csv").report.format()).isEqualTo("gcp");
    assertThat(read(BillingReaders.detect(), "azure/EA_ActualCost_Small.csv").report.format())
        .isEqualTo("azure-actual");
  }
}
