package io.stratus.spark.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.spark.AmountNotRepresentableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class FocusParquetTest {
  @Test
  void theSchemaHasEveryFocusColumnOfFinopsThenTheStratusColumns() {
    List<String> names = new ArrayList<>();
    for (StructField f : FocusParquet.schema().fields()) {
      names.add(f.name());
    }
    List<String> expected = new ArrayList<>(FocusCsvWriter.COLUMNS);
    expected.addAll(List.of("x_Source", "x_SourceFile", "x_RecordIndex", "x_BillingPeriod", "x_Provider"));
    assertThat(names).isEqualTo(expected);
  }

  @Test
  void aRecordWithEveryKindOfValueRoundTrips() {
    CostRecord r = full().build();
    Row row = FocusParquet.toRow(r, "src", "file:/x/a.csv", 3);
    assertThat(FocusParquet.toRecord(row)).isEqualTo(r);
    assertThat(row.getString(row.fieldIndex("x_BillingPeriod"))).isEqualTo("2024-03");
    assertThat(row.getString(row.fieldIndex("x_Provider"))).isEqualTo("AWS");
    assertThat(row.getString(row.fieldIndex("ChargeClass"))).isEqualTo("Correction");
  }

  /** Issue 19: a decimal with more than 18 places (Azure EA amortized exports) is rounded half-even, not refused. */
  @Test
  void aDecimalWithMoreThanEighteenPlacesIsRoundedHalfEvenNotRefused() {
    CostRecord r = full().billedCost(new BigDecimal("0.1234567890123456785"))
        .pricingQuantity(new BigDecimal("0.0416666666666666666666666667")).build();

    CostRecord back = FocusParquet.toRecord(FocusParquet.toRow(r, "s", "f", 0));

    assertThat(back.billedCost()).isEqualByComparingTo("0.123456789012345678");
    assertThat(back.pricingQuantity()).isEqualByComparingTo("0.041666666666666667");
    assertThat(back).isEqualTo(FocusDecimals.toStoredScale(r));
    // trailing zeros beyond 18 places lose nothing
    CostRecord z = full().billedCost(new BigDecimal("1.50000000000000000000000")).build();
    assertThat(FocusParquet.toRecord(FocusParquet.toRow(z, "s", "f", 0))).isEqualTo(z);
  }

  /** A value within 5E-19 of 10^20 rounds to 21 digits before the point: refused by name, never a NULL. */
  @Test
  void toRow_decimalRoundingTo10Pow20_refusedNamingColumnRecordValueAndRule() {
    BigDecimal v = new BigDecimal("99999999999999999999.9999999999999999995");
    CostRecord r = full().listCost(v).build();

    assertThatThrownBy(() -> FocusParquet.toRow(r, "s", "file:/in/focus.csv", 7))
        .isInstanceOfSatisfying(AmountNotRepresentableException.class, e -> {
          assertThat(e.count()).isEqualTo(1);
          assertThat(e.amounts()).containsExactly(new AmountNotRepresentableException.Amount("ListCost",
              "record 7 of file:/in/focus.csv", v, FocusParquet.ROUNDS_OUT_OF_RANGE));
        });
    // the largest value that rounds within range is stored
    BigDecimal largest = new BigDecimal("99999999999999999999.9999999999999999994");
    assertThat(FocusParquet.toRecord(FocusParquet.toRow(full().listCost(largest).build(), "s", "f", 0)).listCost())
        .isEqualTo(new BigDecimal("99999999999999999999.999999999999999999"));
  }

  private static CostRecord.Builder full() {
    return CostRecord.builder()
        .allCosts(new BigDecimal("12.345678901"))
        .listCost(new BigDecimal("13.5"))
        .billingCurrency(Currency.getInstance("EUR"))
        .billingAccountId("acct").billingAccountName("Acct").billingAccountType("Payer")
        .billingPeriodStart(Instant.parse("2024-03-01T00:00:00Z"))
        .billingPeriodEnd(Instant.parse("2024-04-01T00:00:00Z"))
        .chargePeriod(Instant.parse("2024-03-05T10:00:00Z"), Instant.parse("2024-03-05T11:00:00Z"))
        .chargeDescription("desc, with comma").providerName("AWS").publisherName("AWS").invoiceIssuerName("AWS")
        .invoiceId("inv").subAccountId("sub").subAccountName("Sub").subAccountType("Account")
        .regionId("eu-west-1").regionName("Ireland").availabilityZone("eu-west-1a")
        .serviceName("EC2").serviceCategory("Compute").serviceSubcategory("Virtual Machines")
        .resourceId("i-1").resourceName("web").resourceType("Instance")
        .skuId("sku").skuPriceId("price").skuMeter("meter").skuPriceDetails("{\"CoreCount\":2}")
        .pricingCurrency("USD").pricingCurrencyContractedUnitPrice(new BigDecimal("0.1"))
        .pricingCurrencyEffectiveCost(new BigDecimal("0.2")).pricingCurrencyListUnitPrice(new BigDecimal("0.3"))
        .pricingCategory("Standard").pricingQuantity(new BigDecimal("1")).pricingUnit("Hours")
        .listUnitPrice(new BigDecimal("0.4")).contractedUnitPrice(new BigDecimal("0.5"))
        .consumedQuantity(new BigDecimal("2.25")).consumedUnit("Hours")
        .commitmentDiscountId("cd").commitmentDiscountName("CD").commitmentDiscountCategory("Spend")
        .commitmentDiscountType("Savings Plan").commitmentDiscountStatus("Used")
        .commitmentDiscountQuantity(new BigDecimal("3")).commitmentDiscountUnit("Hours")
        .capacityReservationId("cr").capacityReservationStatus("Used").lineItemId("li-1")
        .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED).correction(true)
        .tags(Map.of("team", "web", "env", "prod"));
  }
}
