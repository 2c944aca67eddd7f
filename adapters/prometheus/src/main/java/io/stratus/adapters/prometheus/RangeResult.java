package io.stratus.adapters.prometheus;

import io.stratus.monitoring.spi.RawSample;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a {@link PrometheusMetricsSource} read for one window: the samples, the warnings the server attached to its
 * answers, and whether the answer may be incomplete. Prometheus (and Thanos or Cortex in front of it) answers with
 * {@code status: success} plus warnings when part of the data could not be read, e.g. a remote-read endpoint or a
 * store was down; such a result is {@link #partial() partial}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param samples the samples; never null
 * @param warnings the server's warnings, in the order received, without duplicates; never null
 * @param partial true when any answer carried a warning, so samples may be missing
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RangeResult(List<RawSample> samples, List<String> warnings, boolean partial) {
  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a list or an element is null
   */
  public RangeResult {
    samples = List.copyOf(Objects.requireNonNull(samples, "rangeResult.samples must not be null"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "rangeResult.warnings must not be null"));
  }
}
