package io.stratus.finops.optimize;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;

/** Daily cost records for tests. */
public final class CostFixtures {
  public static final Currency USD = Currency.getInstance("USD");

  private CostFixtures() {}

  /** One day of usage cost of a resource. */
  public static CostRecord.Builder day(String resourceId, Instant dayStart, BigDecimal cost) {
    BillingPeriod p = BillingPeriod.of(YearMonth.from(dayStart.atZone(ZoneOffset.UTC)));
    return CostRecord.builder()
        .allCosts(cost)
        .billingCurrency(USD)
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(dayStart, dayStart.plusSeconds(86400))
        .billingPeriod(p)
        .providerName("AWS")
        .billingAccountId("acct-1")
        .subAccountId("sub-1")
        .serviceName("Amazon Elastic Compute Cloud")
        .serviceCategory("Compute")
        .resourceId(resourceId);
  }

  /** Writes {@code days} daily records of a constant cost ending the day before {@code end}. */
  public static void daily(CostStore store, String resourceId, Instant end, int days, String costPerDay) {
    try (CostStore.Appender a = store.appender("test")) {
      for (int d = days; d >= 1; d--) {
        a.accept(day(resourceId, end.minusSeconds(86400L * d), new BigDecimal(costPerDay)).build());
      }
    }
  }
}
