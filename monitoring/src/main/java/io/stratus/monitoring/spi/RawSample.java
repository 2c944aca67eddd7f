package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One observation as a provider reports it, before normalization: the provider's own metric name and unit, the
 * provider's label names, and the resource it describes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the provider's metric name, e.g. {@code CPUUtilization}, {@code Percentage CPU}
 * @param unit the unit the value is in
 * @param kind gauge or cumulative counter
 * @param resource the resource identity, e.g. an instance id or an Azure resource id; not blank
 * @param labels the provider's labels (dimensions), copied; names are mapped by the vocabulary
 * @param epochMillis when it was observed, milliseconds since the epoch
 * @param value the value in {@code unit}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RawSample(
    String name, Unit unit, MetricKind kind, String resource, Map<String, String> labels, long epochMillis,
    double value) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name or resource is blank
   * @throws NullPointerException if a component, label name or label value is null; the message names the field
   *     (for a label value, the label)
   */
  public RawSample {
    Checks.nonBlank(name, "rawSample.name");
    Checks.nonNull(unit, "rawSample.unit");
    Checks.nonNull(kind, "rawSample.kind");
    Checks.nonBlank(resource, "rawSample.resource");
    labels = Checks.labels(labels, "rawSample.labels");
  }

  /**
   * A gauge sample.
   *
   * @param name the provider's metric name
   * @param unit the unit
   * @param resource the resource identity
   * @param labels the provider's labels
   * @param epochMillis when
   * @param value the value
   * @return the sample; never null
   */
  public static RawSample gauge(
      String name, Unit unit, String resource, Map<String, String> labels, long epochMillis, double value) {
    return new RawSample(name, unit, MetricKind.GAUGE, resource, labels, epochMillis, value);
  }

  /**
   * A cumulative counter sample.
   *
   * @param name the provider's metric name
   * @param unit the unit
   * @param resource the resource identity
   * @param labels the provider's labels
   * @param epochMillis when
   * @param value the cumulative total
   * @return the sample; never null
   */
  public static RawSample counter(
      String name, Unit unit, String resource, Map<String, String> labels, long epochMillis, double value) {
    return new RawSample(name, unit, MetricKind.COUNTER, resource, labels, epochMillis, value);
  }
}
