package io.stratus.finops.forecast;

import io.stratus.finops.optimize.ManagedResource;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.Workload;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecasters;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Forecasts a scope's cost to the end of the month and quarter and for the following months, with 80%/95% prediction
 * intervals and the method's backtest accuracy, and re-prices forecasts under {@link Scenario}s.
 *
 * <p>The daily cost of the scope (in one currency, over up to {@link ForecastOptions#historyDays()} days before the
 * forecast day, starting at its first day with cost) is fitted with
 * {@link io.stratus.timeseries.forecast.Forecasters#auto(int...)} with the configured season periods, which selects
 * among seasonal ETS, Theta, multiple-seasonal decomposition and seasonal naive by rolling origin inside the series.
 * The same method is backtested at {@link ForecastOptions#backtestOrigins()} earlier origins.
 *
 * <p>Thread-safe: it holds no mutable state. The forecast day is the UTC day of the clock's instant.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostPredictor {
  private static final double DAYS_PER_MONTH = 30.4375;
  private static final int SHARE_DAYS = 30;

  private final CostStore store;
  private final PricingProvider pricing;
  private final InstantSource clock;
  private final ForecastOptions options;

  private CostPredictor(CostStore store, PricingProvider pricing, InstantSource clock, ForecastOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * A predictor over a store, pricing scenarios from a catalog.
   *
   * @param store the cost records; never null
   * @param pricing the price catalog used by scenarios; never null
   * @param clock gives the forecast day; never null
   * @param options settings; never null
   * @return the predictor; never null
   */
  public static CostPredictor create(
      CostStore store, PricingProvider pricing, InstantSource clock, ForecastOptions options) {
    return new CostPredictor(store, pricing, clock, options);
  }

  /**
   * Forecasts a scope's cost in one currency.
   *
   * @param scope the scope; never null
   * @param currency the billing currency; never null
   * @param monthsAhead whole months after the current one, {@code 0..24}
   * @return the forecast; never null
   * @throws IllegalArgumentException if {@code monthsAhead} is out of range
   * @throws IllegalStateException if the scope has fewer than {@link ForecastOptions#minHistoryDays()} days of cost
   *     history in the currency
   */
  public CostForecast forecast(CostScope scope, Currency currency, int monthsAhead) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(currency, "currency");
    if (monthsAhead < 0 || monthsAhead > 24) {
      throw new IllegalArgumentException("monthsAhead must be in [0, 24], got " + monthsAhead);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    double[] full = dailySeries(scope, currency, today.minusDays(options.historyDays()), today);
    int first = 0;
    while (first < full.length && full[first] == 0) {
      first++;
    }
    double[] y = Arrays.copyOfRange(full, first, full.length);
    if (y.length < options.minHistoryDays()) {
      throw new IllegalStateException("scope " + scope + " has " + y.length + " days of " + currency
          + " cost history before " + today + "; a forecast needs at least " + options.minHistoryDays());
    }
    LocalDate monthStart = today.withDayOfMonth(1);
    LocalDate quarterStart = monthStart.withMonth((monthStart.getMonthValue() - 1) / 3 * 3 + 1);
    LocalDate monthsEnd = monthStart.plusMonths(1 + monthsAhead);
    LocalDate quarterEnd = quarterStart.plusMonths(3);
    LocalDate last = monthsEnd.isAfter(quarterEnd) ? monthsEnd : quarterEnd;
    int h = (int) ChronoUnit.DAYS.between(today, last);
    FittedModel model = method().fit(y);
    CostForecast.Daily daily = clamp(model.forecast(h));
    List<PeriodForecast> periods = new ArrayList<>();
    periods.add(period(java.time.YearMonth.from(monthStart).toString(), monthStart, monthStart.plusMonths(1), scope, currency, today, daily));
    periods.add(period(quarterStart.getYear() + "-Q" + ((quarterStart.getMonthValue() - 1) / 3 + 1), quarterStart,
        quarterEnd, scope, currency, today, daily));
    for (int i = 1; i <= monthsAhead; i++) {
      LocalDate m = monthStart.plusMonths(i);
      periods.add(period(java.time.YearMonth.from(m).toString(), m, m.plusMonths(1), scope, currency, today, daily));
    }
    return new CostForecast(scope, currency, today, model.name(), y.length, periods, backtest(y), daily);
  }

  /**
   * Re-prices a forecast under a scenario; {@link Scenario#noChange()} returns the baseline's periods unchanged.
   *
   * @param baseline a forecast made by this predictor; never null
   * @param scenario the scenario; never null
   * @return the scenario forecast; never null
   * @throws IllegalArgumentException if a resource's instance type, region or needed offer is not in the catalog, a
   *     move breaks a workload's requirements, or a commitment is in another currency than the forecast
   * @throws IllegalStateException if the scope had no cost in the 30 days before the forecast day
   */
  public ScenarioForecast scenario(CostForecast baseline, Scenario scenario) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(scenario, "scenario");
    if (scenario.kind == Scenario.Kind.NO_CHANGE) {
      Money zero = Money.zero(baseline.currency()).rounded();
      List<PeriodDifference> diffs = baseline.periods().stream()
          .map(p -> new PeriodDifference(p.label(), zero, zero, zero, zero, zero)).toList();
      return new ScenarioForecast(scenario, baseline, baseline.periods(), diffs, List.of("no change"));
    }
    List<String> notes = new ArrayList<>();
    DayFn fn = transform(baseline, scenario, notes);
    CostForecast.Daily d = baseline.daily;
    int n = d.mean().length;
    double[][] s = new double[5][n];
    double[][] diff = new double[5][n];
    double[][] src = {d.mean(), d.lower80(), d.upper80(), d.lower95(), d.upper95()};
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < 5; k++) {
        s[k][t] = fn.at(t, src[k][t]);
      }
      diff[0][t] = s[0][t] - src[0][t];
      for (int k = 1; k < 5; k += 2) {
        double a = s[k][t] - src[k][t];
        double b = s[k + 1][t] - src[k + 1][t];
        diff[k][t] = Math.min(a, b);
        diff[k + 1][t] = Math.max(a, b);
      }
    }
    CostForecast.Daily scen = new CostForecast.Daily(s[0], s[1], s[2], s[3], s[4]);
    List<PeriodForecast> periods = new ArrayList<>();
    List<PeriodDifference> diffs = new ArrayList<>();
    for (PeriodForecast p : baseline.periods()) {
      periods.add(sum(p.label(), p.from(), p.to(), p.actualToDate(), baseline.asOf(), scen));
      double[] sums = bounds(diff[0], new double[][] {diff[1], diff[2], diff[3], diff[4]},
          range(p.from(), p.to(), baseline.asOf(), n), options.errorCorrelation());
      Currency c = baseline.currency();
      diffs.add(new PeriodDifference(p.label(), money(sums[0], c), money(Math.min(sums[1], sums[0]), c),
          money(Math.max(sums[2], sums[0]), c), money(Math.min(sums[3], sums[1]), c),
          money(Math.max(sums[4], sums[2]), c)));
    }
    return new ScenarioForecast(scenario, baseline, periods, diffs, notes);
  }

  /** A day's cost under a scenario, monotone in the baseline cost {@code x}; day 0 is the forecast day. */
  private interface DayFn {
    double at(int t, double x);
  }

  private DayFn transform(CostForecast baseline, Scenario s, List<String> notes) {
    if (s.kind == Scenario.Kind.GROWTH) {
      double g = s.growth;
      notes.add(String.format(Locale.ROOT, "growth %.4f per month, compounded daily from %s", g, baseline.asOf()));
      return (t, x) -> x * Math.pow(1 + g, (t + 1) / DAYS_PER_MONTH);
    }
    Map<String, Double> shares = shares(baseline, s.resources);
    PriceIndex index = new PriceIndex(pricing);
    double moved = 0;
    double weighted = 0;
    for (ManagedResource r : s.resources) {
      double share = shares.getOrDefault(r.resourceId(), 0.0);
      double ratio = ratio(index, r, s);
      notes.add(String.format(Locale.ROOT, "%s: %.2f%% of the scope's cost over the last %d days, price ratio %.4f",
          r.resourceId(), 100 * share, SHARE_DAYS, ratio));
      moved += share;
      weighted += share * ratio;
    }
    if (s.kind != Scenario.Kind.COMMITMENT) {
      double factor = 1 - moved + weighted;
      notes.add(String.format(Locale.ROOT, "scope cost factor %.6f from %s", factor, baseline.asOf()));
      return (t, x) -> x * factor;
    }
    if (!s.hourly.currency().equals(baseline.currency())) {
      throw new IllegalArgumentException("commitment.hourlySize must be in the forecast's currency "
          + baseline.currency() + ", got " + s.hourly);
    }
    double sigma = moved;
    double rho = moved == 0 ? 1 : weighted / moved;
    double fee = s.hourly.amount().doubleValue() * 24;
    double cover = fee / rho;
    notes.add(String.format(Locale.ROOT, "commitment %.4f per day for 365 days from %s covers up to %.4f per day of "
        + "on-demand cost (price ratio %.4f); covered resources are %.2f%% of the scope's cost", fee,
        baseline.asOf(), cover, rho, 100 * sigma));
    return (t, x) -> t >= 365 ? x : x * (1 - sigma) + fee + Math.max(0, x * sigma - cover);
  }

  private Map<String, Double> shares(CostForecast baseline, List<ManagedResource> resources) {
    LocalDate to = baseline.asOf();
    LocalDate from = to.minusDays(SHARE_DAYS);
    CostQuery.Builder q = baseline.scope().query().between(start(from), start(to)).metric(options.metric());
    BigDecimal total = store.query(q.build()).total(baseline.currency());
    if (total.signum() <= 0) {
      throw new IllegalStateException("scope " + baseline.scope() + " has no " + baseline.currency()
          + " cost in the " + SHARE_DAYS + " days before " + to + "; a scenario needs it to weigh the resources");
    }
    Set<String> ids = resources.stream().map(ManagedResource::resourceId).collect(Collectors.toSet());
    Map<String, Double> out = new HashMap<>();
    for (CostRow row : store.query(q.where(Dimension.RESOURCE, ids).groupBy(Dimension.RESOURCE).build()).rows()) {
      if (row.currency().equals(baseline.currency())) {
        out.merge(row.key().get(0), row.amount().doubleValue() / total.doubleValue(), Double::sum);
      }
    }
    return out;
  }

  private static double ratio(PriceIndex index, ManagedResource r, Scenario s) {
    InstanceType type = index.types.get(r.instanceTypeId());
    Region region = index.regions.get(r.regionId());
    if (type == null || region == null) {
      throw new IllegalArgumentException(r.resourceId() + ": " + (type == null ? "instance type "
          + r.instanceTypeId() : "region " + r.regionId()) + " is not in the catalog " + index.id);
    }
    Offer current = index.offer(type.id(), region.id(), r.purchaseOption());
    if (current == null || current.hourlyPrice().amount().signum() <= 0) {
      throw new IllegalArgumentException(r.resourceId() + ": the catalog has no " + r.purchaseOption()
          + " price for " + type.id() + " in " + region.id());
    }
    double now = current.hourlyPrice().amount().doubleValue();
    Workload w = r.workload();
    switch (s.kind) {
      case SPOT: {
        if (!w.cost().spotAllowed()) {
          throw new IllegalArgumentException(r.resourceId() + ": workload " + w.id() + " does not allow spot");
        }
        return price(index.offer(type.id(), region.id(), PurchaseOption.SPOT), r, "SPOT") / now;
      }
      case REGION: {
        Region to = index.regions.get(s.regionId);
        if (to == null || !to.provider().equals(region.provider())) {
          throw new IllegalArgumentException(r.resourceId() + ": region " + s.regionId + " is not a "
              + region.provider().id() + " region of the catalog " + index.id);
        }
        List<String> v = w.compliance().violations(to);
        if (!v.isEmpty()) {
          throw new IllegalArgumentException(r.resourceId() + ": workload " + w.id() + " may not run in "
              + to.id() + ": " + v);
        }
        return price(index.offer(type.id(), to.id(), PurchaseOption.ON_DEMAND), r, "ON_DEMAND in " + to.id()) / now;
      }
      case CLOUD: {
        for (Offer o : index.onDemand) {
          InstanceType t = o.instanceType();
          if (t.provider().equals(s.cloud) && t.vcpus() >= type.vcpus() && t.memoryGib() >= type.memoryGib()
              && t.gpus() == type.gpus() && (w.architectures().isEmpty() || w.architectures().contains(
                  t.architecture())) && w.demand().fitsIn(t.capacity()) && w.compliance().permits(o.region())) {
            return o.hourlyPrice().amount().doubleValue() / now;
          }
        }
        throw new IllegalArgumentException(r.resourceId() + ": no " + s.cloud.id() + " type in the catalog holds "
            + type.capacity() + " in a region workload " + w.id() + "'s compliance permits");
      }
      case COMMITMENT: {
        if (w.cost().commitmentsForbidden()) {
          throw new IllegalArgumentException(r.resourceId() + ": workload " + w.id() + " forbids commitments");
        }
        Offer best = null;
        for (PurchaseOption p : List.of(PurchaseOption.RESERVED_1Y, PurchaseOption.COMMITMENT_1Y)) {
          Offer o = index.offer(type.id(), region.id(), p);
          if (o != null && (best == null || o.hourlyPrice().compareTo(best.hourlyPrice()) < 0)) {
            best = o;
          }
        }
        Offer onDemand = index.offer(type.id(), region.id(), PurchaseOption.ON_DEMAND);
        return price(best, r, "one-year commitment") / price(onDemand, r, "ON_DEMAND");
      }
      default:
        throw new AssertionError(s.kind);
    }
  }

  private static double price(Offer o, ManagedResource r, String what) {
    if (o == null) {
      throw new IllegalArgumentException(r.resourceId() + ": the catalog has no " + what + " price for "
          + r.instanceTypeId() + " in " + r.regionId());
    }
    return o.hourlyPrice().amount().doubleValue();
  }

  private io.stratus.timeseries.forecast.Forecaster method() {
    return Forecasters.auto(options.periods());
  }

  private BacktestAccuracy backtest(double[] y) {
    int hb = options.backtestHorizonDays();
    int origins = 0;
    double apeSum = 0;
    int apeN = 0;
    double totalApe = 0;
    int totalN = 0;
    int in80 = 0;
    int in95 = 0;
    int days = 0;
    for (int k = options.backtestOrigins(); k >= 1; k--) {
      int o = y.length - k * hb;
      if (o < options.minHistoryDays()) {
        continue;
      }
      origins++;
      CostForecast.Daily f = clamp(method().fit(Arrays.copyOf(y, o)).forecast(hb));
      double actualSum = 0;
      double forecastSum = 0;
      for (int t = 0; t < hb; t++) {
        double a = y[o + t];
        actualSum += a;
        forecastSum += f.mean()[t];
        if (a > 0) {
          apeSum += Math.abs(a - f.mean()[t]) / a;
          apeN++;
        }
        in80 += a >= f.lower80()[t] && a <= f.upper80()[t] ? 1 : 0;
        in95 += a >= f.lower95()[t] && a <= f.upper95()[t] ? 1 : 0;
        days++;
      }
      if (actualSum > 0) {
        totalApe += Math.abs(actualSum - forecastSum) / actualSum;
        totalN++;
      }
    }
    if (origins == 0) {
      return new BacktestAccuracy(0, hb, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new BacktestAccuracy(origins, hb, apeN == 0 ? Double.NaN : apeSum / apeN,
        totalN == 0 ? Double.NaN : totalApe / totalN, (double) in80 / days, (double) in95 / days);
  }

  private PeriodForecast period(String label, LocalDate from, LocalDate to, CostScope scope, Currency currency,
      LocalDate today, CostForecast.Daily daily) {
    Money actual = Money.zero(currency);
    if (from.isBefore(today)) {
      LocalDate end = to.isBefore(today) ? to : today;
      CostQuery q = scope.query().between(start(from), start(end)).metric(options.metric()).build();
      actual = new Money(store.query(q).total(currency), currency);
    }
    return sum(label, from, to, actual, today, daily);
  }

  private PeriodForecast sum(String label, LocalDate from, LocalDate to, Money actual, LocalDate today,
      CostForecast.Daily d) {
    int[] r = range(from, to, today, d.mean().length);
    double[] b = bounds(d.mean(), new double[][] {d.lower80(), d.upper80(), d.lower95(), d.upper95()}, r,
        options.errorCorrelation());
    Money[] m = new Money[5];
    for (int k = 0; k < 5; k++) {
      m[k] = actual.plus(Money.ofDouble(Math.max(0, b[k]), actual.currency())).rounded();
    }
    return new PeriodForecast(label, from, to, actual, m[0], m[1], m[2], m[3], m[4]);
  }

  /**
   * The period sum of the daily means over {@code range} and its bounds: each side's daily half-widths {@code w}
   * (bound minus mean) combine as {@code sqrt(sum_i sum_j rho^|i-j| w_i w_j)}, daily errors with AR(1) correlation.
   *
   * @return {mean, lower80, upper80, lower95, upper95} of the sum
   */
  static double[] bounds(double[] mean, double[][] bounds, int[] range, double rho) {
    double[] out = new double[5];
    for (int t = range[0]; t < range[1]; t++) {
      out[0] += mean[t];
    }
    for (int k = 0; k < 4; k++) {
      double var = 0;
      double carry = 0;
      for (int t = range[0]; t < range[1]; t++) {
        double w = Math.abs(bounds[k][t] - mean[t]);
        var += w * w + 2 * w * carry;
        carry = rho * (carry + w);
      }
      double half = Math.sqrt(var);
      out[k + 1] = k % 2 == 0 ? out[0] - half : out[0] + half;
    }
    return out;
  }

  private static int[] range(LocalDate from, LocalDate to, LocalDate today, int n) {
    int a = (int) Math.max(0, ChronoUnit.DAYS.between(today, from));
    int b = (int) Math.min(n, Math.max(0, ChronoUnit.DAYS.between(today, to)));
    return new int[] {Math.min(a, b), b};
  }

  private static Money money(double v, Currency c) {
    return Money.ofDouble(v, c).rounded();
  }

  private static CostForecast.Daily clamp(Forecast f) {
    return new CostForecast.Daily(pos(f.mean()), pos(f.lower80()), pos(f.upper80()), pos(f.lower95()),
        pos(f.upper95()));
  }

  private static double[] pos(double[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.max(0, a[i]);
    }
    return a;
  }

  private static java.time.Instant start(LocalDate d) {
    return d.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private double[] dailySeries(CostScope scope, Currency currency, LocalDate from, LocalDate to) {
    int n = (int) ChronoUnit.DAYS.between(from, to);
    double[] y = new double[n];
    CostQuery q = scope.query().between(start(from), start(to)).granularity(Granularity.DAY)
        .metric(options.metric()).build();
    long d0 = from.toEpochDay();
    for (CostRow row : store.query(q).rows()) {
      if (row.currency().equals(currency)) {
        y[(int) (row.bucketStart().getEpochSecond() / 86400 - d0)] += row.amount().doubleValue();
      }
    }
    return y;
  }

  /** The catalog indexed for scenario pricing. */
  private static final class PriceIndex {
    final String id;
    final Map<String, InstanceType> types = new HashMap<>();
    final Map<String, Region> regions = new HashMap<>();
    final Map<String, Offer> offers = new HashMap<>();
    final List<Offer> onDemand = new ArrayList<>();

    PriceIndex(PricingProvider p) {
      id = p.id();
      p.instanceTypes().forEach(t -> types.put(t.id(), t));
      p.regions().forEach(r -> regions.put(r.id(), r));
      for (Offer o : p.offers(OfferQuery.all())) {
        offers.merge(o.instanceType().id() + "|" + o.region().id() + "|" + o.purchaseOption(), o,
            (a, b) -> a.hourlyPrice().compareTo(b.hourlyPrice()) <= 0 ? a : b);
      }
      offers.values().stream().filter(o -> o.purchaseOption() == PurchaseOption.ON_DEMAND).forEach(onDemand::add);
      onDemand.sort(Comparator.comparing((Offer o) -> o.hourlyPrice().amount()).thenComparing(Offer::id));
    }

    Offer offer(String type, String region, PurchaseOption p) {
      return offers.get(type + "|" + region + "|" + p);
    }
  }
}
