package io.stratus.finops.focus;

import static io.stratus.finops.focus.ReadersGoldenTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingCurrencyAndSkuDetailsTest {
  private static ReadersGoldenTest.Read readText(BillingFileReader reader, String name, String csv) {
    ReadersGoldenTest.Read r = new ReadersGoldenTest.Read();
    r.report = reader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name, r.records::add);
    return r;
  }

  @Test
  void awsCurLegacy_pricingCurrencyEqualToBilling_copiesPricesAndEffectiveCost() throws IOException {
    ReadersGoldenTest.Read r = read(BillingReaders.awsCur(), "aws/cur-legacy-slice.csv");
    List<CostRecord> priced = r.records.stream().filter(x -> x.pricingCurrency() != null).toList();
    assertThat(priced).hasSize(58).allSatisfy(x -> assertThat(x.pricingCurrency()).isEqualTo("USD"));
    for (CostRecord x : priced) {
      assertThat(x.pricingCurrencyEffectiveCost()).isEqualTo(x.effectiveCost());
      assertThat(x.pricingCurrencyListUnitPrice()).isEqualTo(x.listUnitPrice());
      assertThat(x.pricingCurrencyContractedUnitPrice()).isEqualTo(x.contractedUnitPrice());
    }
    // the tax rows have no pricing/currency: nothing in the pricing currency
    CostRecord tax = r.records.get(0);
    assertThat(tax.chargeCategory()).isEqualTo(ChargeCategory.TAX);
    assertThat(tax.pricingCurrency()).isNull();
    assertThat(tax.pricingCurrencyEffectiveCost()).isNull();
    assertThat(r.records.stream().filter(x -> "{\"StorageClass\":\"Archive\"}".equals(x.skuPriceDetails())))
        .hasSize(13);
    assertThat(r.records.stream().filter(x -> "{\"StorageClass\":\"General Purpose\"}".equals(x.skuPriceDetails())))
        .hasSize(5);
    assertThat(r.records.stream().filter(x -> x.skuPriceDetails() == null)).hasSize(51);
  }

  private static final String CUR2_HEADER =
      "identity_line_item_id,bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
          + "line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,"
          + "line_item_currency_code,line_item_unblended_cost,line_item_unblended_rate,line_item_usage_amount,"
          + "pricing_currency,pricing_public_on_demand_rate,product_instance_type,product\n";

  @Test
  void awsCur2_otherPricingCurrency_keepsTheCurrencyButNoConvertedAmounts_andDetailsFromTheProductMap() {
    String csv =
        CUR2_HEADER
            + "a,1,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,Usage,2024-03-02T00:00:00Z,2024-03-02T01:00:00Z,"
            + "AmazonEC2,USD,0.096,0.096,1,CNY,0.70,m5.large,"
            + "\"{\"\"vcpu\"\":\"\"2\"\",\"\"memory\"\":\"\"8 GiB\"\",\"\"operating_system\"\":\"\"Linux\"\"}\"\n"
            + "b,1,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,Usage,2024-03-02T00:00:00Z,2024-03-02T01:00:00Z,"
            + "AmazonEC2,USD,0.192,0.096,2,USD,0.096,m5.large,"
            + "\"{\"\"vcpu\"\":\"\"2\"\",\"\"memory\"\":\"\"8 GiB\"\",\"\"operating_system\"\":\"\"Linux\"\"}\"\n";
    ReadersGoldenTest.Read r = readText(BillingReaders.awsCur(), "cur2.csv", csv);
    assertThat(r.report.isClean()).isTrue();
    CostRecord cny = r.records.get(0);
    assertThat(cny.pricingCurrency()).isEqualTo("CNY");
    assertThat(cny.pricingCurrencyEffectiveCost()).isNull();
    assertThat(cny.pricingCurrencyListUnitPrice()).isNull();
    assertThat(cny.pricingCurrencyContractedUnitPrice()).isNull();
    assertThat(cny.skuPriceDetails())
        .isEqualTo("{\"CoreCount\":2,\"InstanceType\":\"m5.large\",\"MemorySize\":8,\"OperatingSystem\":\"Linux\"}");
    CostRecord usd = r.records.get(1);
    assertThat(usd.pricingCurrency()).isEqualTo("USD");
    assertThat(usd.pricingCurrencyEffectiveCost()).isEqualByComparingTo("0.192");
    assertThat(usd.pricingCurrencyContractedUnitPrice()).isEqualByComparingTo("0.096");
    assertThat(usd.pricingCurrencyListUnitPrice()).isEqualByComparingTo("0.096");
    assertThat(usd.skuPriceDetails()).isSameAs(cny.skuPriceDetails());
  }

  @Test
  void azureEaActual_pricingCurrencyIsTheBillingCurrency_andVmDetailsFromAdditionalInfo() throws IOException {
    ReadersGoldenTest.Read r = read(BillingReaders.azure(), "azure/EA_ActualCost_Small.csv");
    assertThat(r.records).allSatisfy(x -> assertThat(x.pricingCurrency()).isEqualTo("USD"));
    CostRecord vm = r.records.get(3);
    assertThat(vm.pricingCurrencyEffectiveCost()).isEqualByComparingTo("2.64");
    assertThat(vm.pricingCurrencyContractedUnitPrice()).isEqualByComparingTo("0.11");
    assertThat(vm.pricingCurrencyListUnitPrice()).isEqualByComparingTo("0.11");
    assertThat(vm.skuPriceDetails()).isEqualTo("{\"InstanceType\":\"Standard_D2s_v3\"}");
    assertThat(r.records.get(4).skuPriceDetails()).isEqualTo("{\"CoreCount\":4}");
    assertThat(r.records.get(5).skuPriceDetails()).isEqualTo("{\"CoreCount\":2}");
    // ServiceType that is not a VM size, and rows without AdditionalInfo
    assertThat(r.records.get(10).skuPriceDetails()).isNull();
    assertThat(r.records.get(1).skuPriceDetails()).isNull();
  }

  @Test
  void azureMca_otherPricingCurrency_effectiveCostFromCostInPricingCurrency() {
    String csv =
        "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,Date,Cost,BillingCurrency,PricingCurrency,"
            + "CostInPricingCurrency,UnitPrice,PayGPrice,Quantity,ChargeType\n"
            + "acc,2024-03-01,2024-03-31,2024-03-05,9.20,EUR,USD,10.00,2.5,3,4,Usage\n";
    ReadersGoldenTest.Read r = readText(BillingReaders.azureActual(), "mca.csv", csv);
    assertThat(r.report.isClean()).isTrue();
    CostRecord x = r.records.get(0);
    assertThat(x.billingCurrency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(x.pricingCurrency()).isEqualTo("USD");
    assertThat(x.pricingCurrencyEffectiveCost()).isEqualByComparingTo("10.00");
    assertThat(x.pricingCurrencyContractedUnitPrice()).isEqualByComparingTo("2.5");
    assertThat(x.pricingCurrencyListUnitPrice()).isEqualByComparingTo("3");
  }

  private static final String FOCUS_HEADER =
      "BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,BillingAccountId,BillingPeriodStart,"
          + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,"
          + "ServiceCategory,PricingCurrency,PricingCurrencyContractedUnitPrice,PricingCurrencyEffectiveCost,"
          + "PricingCurrencyListUnitPrice,SkuPriceDetails\n";

  @Test
  void focus12_pricingCurrencyColumnsAndSkuPriceDetails_readAndRejectedWhenInconsistent() {
    String ok =
        "1,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Usage,P,S,Compute,Credits,0.5,20,0.75,"
            + "\"{\"\"CoreCount\"\":4}\"\n";
    String noCurrency = "1,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Usage,P,S,Compute,,0.5,,,\n";
    String notObject = "1,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Usage,P,S,Compute,,,,,[1]\n";
    ReadersGoldenTest.Read r = readText(BillingReaders.focus(), "f.csv", FOCUS_HEADER + ok + noCurrency + notObject);
    assertThat(r.records).hasSize(1);
    CostRecord x = r.records.get(0);
    assertThat(x.pricingCurrency()).isEqualTo("Credits");
    assertThat(x.pricingCurrencyContractedUnitPrice()).isEqualByComparingTo("0.5");
    assertThat(x.pricingCurrencyEffectiveCost()).isEqualByComparingTo("20");
    assertThat(x.pricingCurrencyListUnitPrice()).isEqualByComparingTo("0.75");
    assertThat(x.skuPriceDetails()).isEqualTo("{\"CoreCount\":4}");
    assertThat(r.report.rejections())
        .extracting(Rejection::row, Rejection::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "PricingCurrency"),
            org.assertj.core.groups.Tuple.tuple(3L, "SkuPriceDetails"));
  }

  @Test
  void newColumns_roundTripThroughTheFocusWriterAndTheStore() throws IOException {
    List<CostRecord> original = new ArrayList<>(read(BillingReaders.awsCur(), "aws/cur-legacy-slice.csv").records);
    original.addAll(read(BillingReaders.azure(), "azure/EA_ActualCost_Small.csv").records);
    StringWriter out = new StringWriter();
    try (FocusCsvWriter w = FocusCsvWriter.create(out)) {
      original.forEach(w::write);
    }
    List<CostRecord> back = new ArrayList<>();
    BillingReaders.focus()
        .read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "rt.csv", back::add);
    assertThat(back).isEqualTo(original);

    CostStore store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("s")) {
      original.forEach(a);
    }
    List<CostRecord> stored = new ArrayList<>();
    store.scan(CostQuery.builder().build(), (source, rec) -> stored.add(rec));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(original);
  }
}
