package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10: the one table of FOCUS columns that drives the record, the reader and the writer. */
class FocusColumnTableTest {
  /** The writer's header as it was before the table existed. */
  private static final List<String> HEADER_BEFORE =
      List.of(
          "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingAccountType",
          "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId",
          "CapacityReservationStatus", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
          "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
          "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType",
          "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
          "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
          "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
          "PricingCurrencyListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
          "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName",
          "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceDetails", "SkuPriceId", "SubAccountId",
          "SubAccountName", "SubAccountType", "Tags", "x_LineItemId");

  private static CostRecord.Builder record() {
    return CostRecord.builder()
        .allCosts(new BigDecimal("1.25"))
        .billingCurrency(Currency.getInstance("USD"))
        .chargeCategory(ChargeCategory.USAGE)
        .chargePeriod(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-02T01:00:00Z"))
        .billingPeriod(BillingPeriod.of(java.time.YearMonth.of(2025, 1)))
        .providerName("AWS")
        .billingAccountId("acct")
        .serviceName("EC2")
        .serviceCategory("Compute");
  }

  @Test
  void writeOrder_isTheSpecificationsAlphabeticalOrderAsBefore() {
    assertThat(FocusCsvWriter.COLUMNS).isEqualTo(HEADER_BEFORE);
    assertThat(FocusColumn.ALL).hasSize(HEADER_BEFORE.size());
  }

  @Test
  void everyColumn_survivesWriteThenRead() {
    CostRecord full =
        record()
            .correction(true)
            .chargeFrequency(ChargeFrequency.USAGE_BASED)
            .pricingCurrency("EUR")
            .pricingCurrencyListUnitPrice(new BigDecimal("0.5"))
            .skuPriceDetails("{\"CoreCount\": 2}")
            .tag("team", "a,\"b\"")
            .lineItemId("line-1")
            .build();
    CostRecord.Builder every = full.toBuilder();
    for (FocusColumn c : FocusColumn.ALL) {
      if (c.kind == FocusColumn.Kind.TEXT && full.value(c) == null) {
        every.set(c, c.focusName + " value");
      } else if (c.kind == FocusColumn.Kind.DECIMAL && full.value(c) == null) {
        every.set(c, new BigDecimal("7.000000001"));
      }
    }
    CostRecord expected = every.skuPriceDetails("{\"CoreCount\": 2}").build();
    StringWriter text = new StringWriter();
    try (FocusCsvWriter w = FocusCsvWriter.create(text)) {
      w.write(expected);
    }
    List<CostRecord> back = new ArrayList<>();
    ReadReport r = BillingReaders.focus().read(
        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), "all.csv", back::add);
    assertThat(r.isComplete()).as("%s", r.rejections()).isTrue();
    assertThat(back).containsExactly(expected);
    for (FocusColumn c : FocusColumn.ALL) {
      assertThat(c.same(back.get(0).value(c), expected.value(c))).as(c.focusName).isTrue();
    }
    assertThat(back.get(0).hashCode()).isEqualTo(expected.hashCode());
  }

  @Test
  void build_decimalBeyondRange_failsNamingColumnValueAndRule() {
    assertThatThrownBy(() -> record().listCost(new BigDecimal("1e400")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ListCost")
        .hasMessageContaining("20 digits")
        .hasMessageContaining("1E+400");
  }

  @Test
  void build_missingMandatoryColumn_namesIt() {
    assertThatThrownBy(() -> record().serviceCategory(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ServiceCategory is mandatory and must not be null");
  }

  @Test
  void equality_comparesDecimalsByValue() {
    assertThat(record().billedCost(new BigDecimal("1.250")).build())
        .isEqualTo(record().build())
        .hasSameHashCodeAs(record().build());
    assertThat(record().resourceId("r").build()).isNotEqualTo(record().build());
  }
}
