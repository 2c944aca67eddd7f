package io.stratus.adapters.aws;

import io.stratus.monitoring.spi.Unit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One CloudWatch metric to read with {@code GetMetricData}: namespace, metric name, dimensions and statistic, plus
 * what the values mean for the monitoring vocabulary. A {@linkplain #rate rate} query reads the {@code Sum} over each
 * period and divides it by the period length, so that CloudWatch's per-period totals ({@code NetworkIn} bytes, {@code
 * RequestCount}) become the per-second rates the vocabulary stores.
 *
 * <p>Immutable and thread-safe.
 *
 * @param region the region code whose CloudWatch holds the metric; never blank
 * @param namespace e.g. {@code AWS/EC2}; never blank
 * @param metricName e.g. {@code CPUUtilization}; never blank
 * @param dimensions dimension names to values, e.g. {@code InstanceId}; copied
 * @param stat the statistic, e.g. {@code Average}, {@code Sum}, {@code p95}; never blank
 * @param unit the unit of the reported value (after division for rates)
 * @param perSecond whether the value is a per-period sum divided by the period length
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AwsMetricQuery(
    String region, String namespace, String metricName, Map<String, String> dimensions, String stat, Unit unit,
    boolean perSecond) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a name is blank
   * @throws NullPointerException if a component, dimension name or value is null
   */
  public AwsMetricQuery {
    nonBlank(region, "awsMetricQuery.region");
    nonBlank(namespace, "awsMetricQuery.namespace");
    nonBlank(metricName, "awsMetricQuery.metricName");
    nonBlank(stat, "awsMetricQuery.stat");
    Objects.requireNonNull(unit, "awsMetricQuery.unit");
    Objects.requireNonNull(dimensions, "awsMetricQuery.dimensions");
    dimensions.forEach((k, v) -> {
      nonBlank(k, "awsMetricQuery.dimensions name");
      Objects.requireNonNull(v, "awsMetricQuery.dimensions['" + k + "']");
    });
    dimensions = Map.copyOf(new TreeMap<>(dimensions));
  }

  /**
   * A gauge read with a statistic, e.g. {@code CPUUtilization} {@code Average} in percent.
   *
   * @param region the region code
   * @param namespace the namespace
   * @param metricName the metric
   * @param dimensions the dimensions
   * @param stat the statistic
   * @param unit the unit
   * @return the query; never null
   */
  public static AwsMetricQuery gauge(String region, String namespace, String metricName,
      Map<String, String> dimensions, String stat, Unit unit) {
    return new AwsMetricQuery(region, namespace, metricName, dimensions, stat, unit, false);
  }

  /**
   * A per-second rate from a per-period {@code Sum}, e.g. {@code NetworkIn} in bytes per second.
   *
   * @param region the region code
   * @param namespace the namespace
   * @param metricName the metric
   * @param dimensions the dimensions
   * @param unit the rate unit, e.g. {@link Unit#BYTES_PER_SECOND}
   * @return the query; never null
   */
  public static AwsMetricQuery rate(String region, String namespace, String metricName,
      Map<String, String> dimensions, Unit unit) {
    return new AwsMetricQuery(region, namespace, metricName, dimensions, "Sum", unit, true);
  }

  /**
   * The CPU utilization of an EC2 instance ({@code AWS/EC2 CPUUtilization Average}, percent).
   *
   * @param region the region code
   * @param instanceId the instance
   * @return the query; never null
   */
  public static AwsMetricQuery ec2Cpu(String region, String instanceId) {
    return gauge(region, "AWS/EC2", "CPUUtilization", Map.of("InstanceId", instanceId), "Average", Unit.PERCENT);
  }

  /**
   * The bytes an EC2 instance received per second ({@code AWS/EC2 NetworkIn}).
   *
   * @param region the region code
   * @param instanceId the instance
   * @return the query; never null
   */
  public static AwsMetricQuery ec2NetworkIn(String region, String instanceId) {
    return rate(region, "AWS/EC2", "NetworkIn", Map.of("InstanceId", instanceId), Unit.BYTES_PER_SECOND);
  }

  /**
   * The bytes an EC2 instance sent per second ({@code AWS/EC2 NetworkOut}).
   *
   * @param region the region code
   * @param instanceId the instance
   * @return the query; never null
   */
  public static AwsMetricQuery ec2NetworkOut(String region, String instanceId) {
    return rate(region, "AWS/EC2", "NetworkOut", Map.of("InstanceId", instanceId), Unit.BYTES_PER_SECOND);
  }

  /**
   * The resource a sample describes: the {@code InstanceId} dimension, else the dimension values joined, else the
   * namespace.
   *
   * @return the resource; never null or blank
   */
  public String resource() {
    String id = dimensions.get("InstanceId");
    if (id != null && !id.isBlank()) {
      return id;
    }
    String joined = String.join("/", new TreeMap<>(dimensions).values());
    return joined.isBlank() ? namespace : joined;
  }

  private static void nonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
