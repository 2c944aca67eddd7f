package io.stratus.testkit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.collect.MetricNormalizer;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MetricsSource} must meet. Extend it in a test class and provide a source with data in
 * {@link #windowStart()}..{@link #windowEnd()}.
 *
 * <p>Not thread-safe (one instance per test, as JUnit creates them).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class MetricsSourceCompatibilityKit {
  private MetricsSource source;

  /**
   * Creates the source under test.
   *
   * @return a source with samples in the window; never null
   */
  protected abstract MetricsSource createSource();

  /**
   * Start of a window in which the source has samples.
   *
   * @return the instant; never null
   */
  protected abstract Instant windowStart();

  /**
   * End (exclusive) of that window.
   *
   * @return the instant, after {@link #windowStart()}; never null
   */
  protected abstract Instant windowEnd();

  /**
   * The vocabulary the source's samples must fit; default {@link MetricVocabulary#defaults()}.
   *
   * @return the vocabulary; never null
   */
  protected MetricVocabulary vocabulary() {
    return MetricVocabulary.defaults();
  }

  @BeforeEach
  void createUnderTest() {
    source = createSource();
    assertThat(source).as("createSource()").isNotNull();
  }

  @Test
  void id_isNotBlank() {
    assertThat(source.id()).isNotBlank();
    assertThat(source.dialect()).isNotBlank();
  }

  @Test
  void fetch_window_returnsSamplesInsideIt() {
    List<RawSample> samples = source.fetch(windowStart(), windowEnd());
    assertThat(samples).as("samples in the data window").isNotEmpty().doesNotContainNull();
    assertThat(samples).allSatisfy(s -> assertThat(s.epochMillis())
        .isBetween(windowStart().toEpochMilli(), windowEnd().toEpochMilli() - 1));
  }

  @Test
  void fetch_sameWindowTwice_servesTheSameSamples() {
    assertThat(source.fetch(windowStart(), windowEnd()))
        .containsExactlyInAnyOrderElementsOf(source.fetch(windowStart(), windowEnd()));
  }

  @Test
  void fetch_splitWindow_losesAndDuplicatesNothing() {
    Instant mid = windowStart().plus(Duration.between(windowStart(), windowEnd()).dividedBy(2));
    List<RawSample> halves = new ArrayList<>(source.fetch(windowStart(), mid));
    halves.addAll(source.fetch(mid, windowEnd()));
    assertThat(halves).containsExactlyInAnyOrderElementsOf(source.fetch(windowStart(), windowEnd()));
  }

  @Test
  void fetch_windowBeforeAnyData_isEmptyNotNull() {
    Instant end = windowStart().minus(Duration.ofDays(3650));
    assertThat(source.fetch(end.minus(Duration.ofHours(1)), end)).isNotNull().isEmpty();
  }

  @Test
  void samples_fitTheVocabulary() {
    MetricNormalizer normalizer = MetricNormalizer.create(vocabulary(), MetricNormalizer.UnknownMetricPolicy.REJECT);
    for (RawSample s : source.fetch(windowStart(), windowEnd())) {
      MetricNormalizer.Status status = normalizer.normalize(source.dialect(), s).status();
      assertThat(status).as("normalizing %s", s)
          .isNotIn(MetricNormalizer.Status.REJECTED_UNKNOWN_METRIC, MetricNormalizer.Status.REJECTED_UNIT_MISMATCH,
              MetricNormalizer.Status.REJECTED_INVALID_VALUE);
    }
  }
}
