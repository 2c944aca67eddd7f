package io.stratus.finops;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;

/** Small record factories for tests. */
public final class TestRecords {
  public static final BillingPeriod JAN = BillingPeriod.of(YearMonth.of(2025, 1));
  public static final BillingPeriod FEB = BillingPeriod.of(YearMonth.of(2025, 2));

  private TestRecords() {}

  /** A usage record of one hour, all four costs equal. */
  public static CostRecord.Builder usage(String service, String resource, String cost, Instant start) {
    BillingPeriod p = BillingPeriod.of(YearMonth.from(start.atZone(java.time.ZoneOffset.UTC)));
    return CostRecord.builder()
        .allCosts(new BigDecimal(cost))
        .billingCurrency(Currency.getInstance("USD"))
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(start, start.plusSeconds(3600))
        .billingPeriod(p)
        .providerName("AWS")
        .billingAccountId("acct-1")
        .subAccountId("sub-1")
        .serviceName(service)
        .serviceCategory("Compute")
        .resourceId(resource);
  }

  public static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
