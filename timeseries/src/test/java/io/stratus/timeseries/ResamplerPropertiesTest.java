package io.stratus.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ResamplerPropertiesTest {

  @Property(tries = 50)
  void sumAggregation_preservesTotalAndCountsEveryObservation(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll @LongRange(min = 1, max = 100_000) long stepMs) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] ts = new long[count];
    double[] v = new double[count];
    long t = r.nextLong(-1_000_000_000L, 1_000_000_000L);
    for (int i = 0; i < count; i++) {
      t += r.nextLong(0, 3 * stepMs);
      ts[i] = t;
      v[i] = r.nextDouble(-100, 100);
    }
    RegularSeries sum = Resampler.resample(ts, v, Duration.ofMillis(stepMs), Resampler.Aggregation.SUM);
    double total = Arrays.stream(sum.values()).filter(x -> !Double.isNaN(x)).sum();
    assertThat(total).isCloseTo(Arrays.stream(v).sum(), within(1e-6));
    assertThat(sum.start().toEpochMilli()).isLessThanOrEqualTo(ts[0]);
    assertThat(sum.start().toEpochMilli() + stepMs).isGreaterThan(ts[0]);
    assertThat(sum.instantAt(sum.size() - 1).toEpochMilli()).isLessThanOrEqualTo(ts[count - 1]);
    double[] filled = sum.interpolatedValues();
    assertThat(filled).hasSize(sum.size()).doesNotContain(Double.NaN);
  }
}
