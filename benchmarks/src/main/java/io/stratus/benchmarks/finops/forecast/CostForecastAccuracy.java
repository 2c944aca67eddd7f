package io.stratus.benchmarks.finops.forecast;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.forecast.CostForecast;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.CostScope;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.forecast.PeriodForecast;
import io.stratus.finops.spi.CostStore;
import io.stratus.scheduler.catalog.BundledCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Rolling-origin accuracy of {@code CostPredictor} on generated cost histories ({@link CostHistoryGenerator}): each
 * history runs from 2024-01-01 for 400 days plus the evaluated months; at each origin (the first day of the last three
 * whole months of the 400 days, and the 15th of the month before) the predictor forecasts the current month and the
 * next one, and each total is compared with the generated truth: MAPE of the month totals and the share inside the
 * 80%/95% intervals. Beside it, the "run rate" peer most FinOps dashboards show: the mean of the last 28 days times the
 * days of the month (plus the actual month to date).
 *
 * <p>Development seeds (1..{@code dev}) choose the season periods among {7} and {7, 30}, then the daily error
 * correlation of the period intervals (coverage closest to 80%/95%); held-out seeds (100001..)
 * report the chosen configuration. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.stratus.benchmarks.finops.forecast.CostForecastAccuracy [dev] [heldOut]} (defaults 30 and 100).
 */
public final class CostForecastAccuracy {
  private static final Currency USD = Currency.getInstance("USD");
  private static final LocalDate START = LocalDate.of(2024, 1, 1);

  private CostForecastAccuracy() {}

  /** Accumulated errors of one method. */
  static final class Score {
    final List<Double> ape = new ArrayList<>();
    int in80;
    int in95;
    int n;

    void add(double forecast, double lo80, double hi80, double lo95, double hi95, double truth) {
      ape.add(Math.abs(forecast - truth) / truth);
      in80 += truth >= lo80 && truth <= hi80 ? 1 : 0;
      in95 += truth >= lo95 && truth <= hi95 ? 1 : 0;
      n++;
    }

    String line() {
      double[] a = ape.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double mean = Arrays.stream(a).average().orElse(Double.NaN);
      return String.format(Locale.ROOT, "n=%d MAPE %.2f%% (median APE %.2f%%) coverage80 %.1f%% coverage95 %.1f%%",
          n, 100 * mean, 100 * a[a.length / 2], 100.0 * in80 / n, 100.0 * in95 / n);
    }

    double mape() {
      return ape.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  /**
   * Runs.
   *
   * @param args dev seeds, held-out seeds
   */
  public static void main(String[] args) {
    int dev = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int held = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    BundledCatalog catalog = BundledCatalog.load();
    int[][] configs = {{7}, {7, 30}};
    int best = 0;
    double bestMape = Double.MAX_VALUE;
    for (int c = 0; c < configs.length; c++) {
      Score[] s = evaluate(catalog, configs[c], ForecastOptions.defaults().errorCorrelation(), 1, dev, null);
      System.out.println("dev periods " + Arrays.toString(configs[c]) + ": current month " + s[0].line()
          + " | next month " + s[1].line());
      double m = (s[0].mape() + s[1].mape()) / 2;
      if (m < bestMape) {
        bestMape = m;
        best = c;
      }
    }
    System.out.println("chosen on dev: periods " + Arrays.toString(configs[best]));
    double[] rhos = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
    double bestRho = 1;
    double bestGap = Double.MAX_VALUE;
    for (double rho : rhos) {
      Score[] s = evaluate(catalog, configs[best], rho, 1, dev, null);
      System.out.println("dev errorCorrelation " + rho + ": current month " + s[0].line() + " | next month "
          + s[1].line());
      double gap = 0;
      for (Score x : s) {
        gap += Math.abs((double) x.in80 / x.n - 0.8) + Math.abs((double) x.in95 / x.n - 0.95);
      }
      if (gap < bestGap - 1e-12) {
        bestGap = gap;
        bestRho = rho;
      }
    }
    System.out.println("chosen on dev: errorCorrelation " + bestRho);
    Score[] peer = {new Score(), new Score()};
    long t0 = System.nanoTime();
    Score[] s = evaluate(catalog, configs[best], bestRho, 100001, held, peer);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.println("held-out periods " + Arrays.toString(configs[best]) + ": current month " + s[0].line()
        + " | next month " + s[1].line());
    System.out.println("held-out run-rate peer: current month " + peer[0].line() + " | next month "
        + peer[1].line());
    System.out.printf(Locale.ROOT, "held-out wall time %.1f s for %d forecasts%n", secs, s[0].n);
  }

  private static Score[] evaluate(BundledCatalog catalog, int[] periods, double rho, long firstSeed, int count,
      Score[] peer) {
    Score[] out = {new Score(), new Score()};
    ForecastOptions options = ForecastOptions.builder().periods(periods).backtest(0, 1).errorCorrelation(rho)
        .build();
    for (long seed = firstSeed; seed < firstSeed + count; seed++) {
      CostHistoryGenerator.History h = CostHistoryGenerator.generate(seed, START, 400 + 70);
      List<LocalDate> origins = new ArrayList<>();
      for (int k = 3; k >= 1; k--) {
        LocalDate m = YearMonth.from(START.plusDays(400)).minusMonths(k - 1).atDay(1);
        origins.add(m);
        origins.add(m.minusMonths(1).withDayOfMonth(15));
      }
      CostStore store = CostStore.inMemory();
      try (CostStore.Appender a = store.appender("gen")) {
        for (int t = 0; t < h.daily().length; t++) {
          a.accept(record(START.plusDays(t), h.daily()[t]));
        }
      }
      for (LocalDate origin : origins) {
        Instant at = origin.atStartOfDay().toInstant(ZoneOffset.UTC);
        CostForecast f = CostPredictor.create(store, catalog, InstantSource.fixed(at), options)
            .forecast(CostScope.total(), USD, 1);
        PeriodForecast[] ps = {f.endOfMonth(), f.months().get(0)};
        for (int i = 0; i < 2; i++) {
          PeriodForecast p = ps[i];
          double truth = sum(h, p.from(), p.to());
          out[i].add(p.expected().toDouble(), p.lower80().toDouble(), p.upper80().toDouble(),
              p.lower95().toDouble(), p.upper95().toDouble(), truth);
          if (peer != null) {
            double rate = sum(h, origin.minusDays(28), origin) / 28;
            double toDate = sum(h, p.from(), origin.isAfter(p.from()) ? origin : p.from());
            LocalDate remainFrom = origin.isAfter(p.from()) ? origin : p.from();
            double fc = toDate + rate * (p.to().toEpochDay() - remainFrom.toEpochDay());
            peer[i].add(fc, fc, fc, fc, fc, truth);
          }
        }
      }
    }
    return out;
  }

  private static double sum(CostHistoryGenerator.History h, LocalDate from, LocalDate to) {
    double s = 0;
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      s += h.daily()[(int) (d.toEpochDay() - START.toEpochDay())];
    }
    return s;
  }

  private static CostRecord record(LocalDate day, double cost) {
    Instant s = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    return CostRecord.builder().allCosts(BigDecimal.valueOf(cost)).billingCurrency(USD)
        .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(s, s.plusSeconds(86400)).billingPeriod(BillingPeriod.of(YearMonth.from(day)))
        .providerName("AWS").billingAccountId("a").subAccountId("s").serviceName("EC2").serviceCategory("Compute")
        .resourceId("r").build();
  }
}
