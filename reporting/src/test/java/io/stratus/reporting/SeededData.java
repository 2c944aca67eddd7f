package io.stratus.reporting;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.store.InMemoryMetricStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A seeded two-month dataset (February and March 2026): daily cost records and hourly CPU samples of 12 machines. */
public final class SeededData {
  public static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
  public static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
  public static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");
  static final List<String[]> MACHINES = List.of(
      // provider, account, region, service, resource, name, team
      new String[] {"AWS", "aws-prod", "us-east-1", "AmazonEC2", "i-0a1", "web-1", "payments"},
      new String[] {"AWS", "aws-prod", "us-east-1", "AmazonEC2", "i-0a2", "web-2", "payments"},
      new String[] {"AWS", "aws-prod", "eu-central-1", "AmazonEC2", "i-0b1", "search-1", "search"},
      new String[] {"AWS", "aws-data", "eu-central-1", "AmazonRDS", "db-1", "orders-db", "payments"},
      new String[] {"AWS", "aws-data", "us-east-1", "AmazonS3", "bucket-logs", "logs", "data"},
      new String[] {"Google Cloud", "gcp-ml", "us-central1", "Compute Engine", "gce-1", "trainer-1", "ml"},
      new String[] {"Google Cloud", "gcp-ml", "us-central1", "Compute Engine", "gce-2", "trainer-2", "ml"},
      new String[] {"Google Cloud", "gcp-ml", "europe-west1", "BigQuery", "bq-1", "warehouse", "data"},
      new String[] {"Microsoft", "az-sub-1", "westeurope", "Virtual Machines", "vm-1", "search-2", "search"},
      new String[] {"Microsoft", "az-sub-1", "westeurope", "Virtual Machines", "vm-2", "search-3", "search"},
      new String[] {"Microsoft", "az-sub-2", "eastus", "Virtual Machines", "vm-3", "batch-1", "data"},
      new String[] {"Microsoft", "az-sub-2", "eastus", "Storage", "st-1", "archive", "data"});

  public final CostStore costs = CostStore.inMemory();
  public final InMemoryMetricStore metrics = InMemoryMetricStore.create();
  public final InstantSource clock = InstantSource.fixed(APR);

  private SeededData(long seed) {
    Random rnd = new Random(seed);
    Currency usd = Currency.getInstance("USD");
    try (CostStore.Appender app = costs.appender("seed")) {
      for (int m = 0; m < MACHINES.size(); m++) {
        String[] x = MACHINES.get(m);
        double daily = 20 + 15 * m + rnd.nextInt(40);
        for (Instant day = FEB; day.isBefore(APR); day = day.plus(Duration.ofDays(1))) {
          double growth = day.isBefore(MAR) ? 1.0 : 1.0 + 0.05 * (m % 4);
          double spike = m == 5 && day.equals(Instant.parse("2026-03-12T00:00:00Z")) ? 6.0 : 1.0;
          BigDecimal cost = BigDecimal.valueOf(daily * growth * spike * (0.9 + 0.2 * rnd.nextDouble()))
              .setScale(4, RoundingMode.HALF_EVEN);
          app.accept(CostRecord.builder()
              .allCosts(cost)
              .billingCurrency(usd)
              .chargeCategory(ChargeCategory.USAGE)
              .chargeFrequency(ChargeFrequency.USAGE_BASED)
              .chargePeriod(day, day.plus(Duration.ofDays(1)))
              .billingPeriod(BillingPeriod.of(YearMonth.from(day.atZone(ZoneOffset.UTC))))
              .providerName(x[0])
              .billingAccountId(x[1])
              .regionId(x[2])
              .serviceName(x[3])
              .serviceCategory("Compute")
              .resourceId(x[4])
              .resourceName(x[5])
              .tags(Map.of("team", x[6], "env", m % 3 == 0 ? "staging" : "prod"))
              .build());
        }
      }
    }
    for (int m = 0; m < MACHINES.size(); m++) {
      String[] x = MACHINES.get(m);
      SeriesId cpu = SeriesId.of(MetricVocabulary.CPU_UTILIZATION, "provider", x[0], "region", x[2], "resource",
          x[4], "team", x[6]);
      double base = 10 + 6 * m;
      for (Instant t = FEB; t.isBefore(APR); t = t.plus(Duration.ofHours(1))) {
        double hour = t.atZone(ZoneOffset.UTC).getHour();
        double v = Math.min(100, base + 15 * Math.sin(hour / 24 * 2 * Math.PI) + rnd.nextGaussian() * 3);
        metrics.append(cpu, t.toEpochMilli(), Math.max(0, Math.round(v * 100) / 100.0));
      }
    }
  }

  /** The dataset for a seed; the same seed always gives the same data. */
  public static SeededData create(long seed) {
    return new SeededData(seed);
  }
}
