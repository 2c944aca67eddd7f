package io.stratus.finops.anomaly;

import io.stratus.finops.TestRecords;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Random;

/** Seeded daily cost histories over accounts × services, written to a store as one record per leaf and day. */
final class CostFixtures {
  static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

  private CostFixtures() {}

  /** Base daily cost of a leaf, with weekday seasonality and 3% noise. */
  static double base(int account, int service, int day, Random rnd) {
    double level = 100 + 37 * account + 61 * service;
    double week = (day % 7 == 5 || day % 7 == 6) ? 0.7 : 1.0;
    return level * week * (1 + 0.03 * rnd.nextGaussian());
  }

  interface Extra {
    double at(int account, int service, int day);
  }

  static CostStore store(int accounts, int services, int days, long seed, Extra extra) {
    CostStore store = CostStore.inMemory();
    Random rnd = new Random(seed);
    try (CostStore.Appender a = store.appender("test")) {
      for (int d = 0; d < days; d++) {
        for (int acc = 0; acc < accounts; acc++) {
          for (int s = 0; s < services; s++) {
            double v = Math.max(0, base(acc, s, d, rnd) + extra.at(acc, s, d));
            a.accept(TestRecords.usage(service(s), "r-" + acc + "-" + s,
                BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString(), day(d))
                .subAccountId(account(acc)).build());
          }
        }
      }
    }
    return store;
  }

  static Instant day(int d) {
    return START.plusSeconds(86400L * d);
  }

  static String account(int a) {
    return "acct-" + a;
  }

  static String service(int s) {
    return "svc-" + (char) ('A' + s);
  }
}
