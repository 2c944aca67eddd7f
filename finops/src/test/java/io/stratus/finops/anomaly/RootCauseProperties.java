package io.stratus.finops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class RootCauseProperties {
  private static final int DAYS = 40;

  /**
   * Whatever the tree and the offsetting move elsewhere, the root causes' shares add up to at most 100% and the
   * injected leaf is the top contributor.
   */
  @Property(tries = 60)
  void shares_addUpToAtMostOne_andTopIsTheInjectedLeaf(
      @ForAll @IntRange(min = 1, max = 4) int accounts,
      @ForAll @IntRange(min = 1, max = 4) int services,
      @ForAll @IntRange(min = 0, max = 15) int target,
      @ForAll @DoubleRange(min = 1.5, max = 20) double spikeFactor,
      @ForAll @DoubleRange(min = 0, max = 0.9) double offset,
      @ForAll @IntRange(min = 1, max = 3) int spikeDays,
      @ForAll long seed) {
    int ta = target % accounts;
    int ts = (target / accounts) % services;
    int first = DAYS - spikeDays;
    // the spike is spikeFactor times the largest leaf's level, so it dominates every leaf's noise; another leaf
    // (if any) drops by a fraction of the spike, an offsetting move that explains nothing
    double spike = spikeFactor * (100 + 37 * 3 + 61 * 3);
    int oa = (ta + 1) % accounts;
    int os = (ts + 1) % services;
    boolean hasOther = accounts * services > 1;
    CostStore store = CostFixtures.store(accounts, services, DAYS, seed, (a, s, d) -> {
      if (d < first) {
        return 0;
      }
      if (a == ta && s == ts) {
        return spike;
      }
      return hasOther && a == oa && s == os ? -Math.min(offset * spike, 0.5 * CostFixtures.base(a, s, d,
          new java.util.Random(0))) : 0;
    });
    long firstBucket = Granularity.DAY.bucket(CostFixtures.day(first).getEpochSecond());
    List<RootCause> causes = new RootCauseAnalyzer(List.of(Dimension.SUB_ACCOUNT, Dimension.SERVICE), 7,
        CostAnomalyMonitor.CYCLES, 0.1, 2)
        .analyze(store, CostScope.total(), Currency.getInstance("USD"), Granularity.DAY, firstBucket,
            firstBucket + spikeDays - 1);
    assertThat(causes).isNotEmpty();
    assertThat(causes.stream().mapToDouble(RootCause::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
    assertThat(causes.get(0).path()).containsExactly(
        new DimensionValue(Dimension.SUB_ACCOUNT, CostFixtures.account(ta)),
        new DimensionValue(Dimension.SERVICE, CostFixtures.service(ts)));
    for (int i = 1; i < causes.size(); i++) {
      assertThat(causes.get(i).share()).isLessThanOrEqualTo(causes.get(i - 1).share());
    }
  }
}
