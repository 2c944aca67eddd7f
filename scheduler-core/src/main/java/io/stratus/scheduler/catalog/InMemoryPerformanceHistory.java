package io.stratus.scheduler.catalog;

import io.stratus.model.InstanceType;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * A {@link PerformanceHistoryProvider} that keeps observations in memory: the embedded default for hosts that feed
 * their own measurements (benchmarks, monitoring aggregates) to the performance-aware schedulers. Thread-safe.
 *
 * <p>It keeps one observation per instance type, region and workload class, and one per region and user location:
 * recording replaces an older observation for the same key and ignores one that is older than what it holds (by
 * {@code observedAt}), so late, out-of-order deliveries never overwrite fresher data. Aggregating many raw
 * measurements into an observation is the caller's job.
 *
 * <p>Not registered with {@link java.util.ServiceLoader}: create it and hand it to the component that
 * needs it, or register it in a {@link io.stratus.spi.ProviderRegistry} by hand.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InMemoryPerformanceHistory implements PerformanceHistoryProvider {
  /** The id of instances made with the no-arg constructor, {@value}. */
  public static final String DEFAULT_ID = "in-memory";

  private final String id;
  private final ConcurrentHashMap<String, PerformanceObservation> performance = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LatencyObservation> latency = new ConcurrentHashMap<>();

  /** An empty history with id {@value #DEFAULT_ID}. */
  public InMemoryPerformanceHistory() {
    this(DEFAULT_ID);
  }

  /**
   * An empty history.
   *
   * @param id the provider id; not blank
   * @throws IllegalArgumentException if the id is blank
   */
  public InMemoryPerformanceHistory(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, got '" + id + "'");
    }
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "in-memory performance history '" + id + "' (" + performance.size() + " performance, " + latency.size()
        + " latency observations)";
  }

  /**
   * Records a performance observation, unless a newer one for the same key is already held.
   *
   * @param observation the observation; never null
   * @return this history
   */
  public InMemoryPerformanceHistory record(PerformanceObservation observation) {
    Objects.requireNonNull(observation, "observation");
    performance.merge(
        key(observation.instanceTypeId(), observation.regionId(), observation.workloadClass()),
        observation,
        (held, offered) -> offered.observedAt().isBefore(held.observedAt()) ? held : offered);
    return this;
  }

  /**
   * Records a latency observation, unless a newer one for the same key is already held.
   *
   * @param observation the observation; never null
   * @return this history
   */
  public InMemoryPerformanceHistory record(LatencyObservation observation) {
    Objects.requireNonNull(observation, "observation");
    latency.merge(
        key(observation.regionId(), observation.locationName()),
        observation,
        (held, offered) -> offered.observedAt().isBefore(held.observedAt()) ? held : offered);
    return this;
  }

  @Override
  public Optional<PerformanceObservation> performance(
      InstanceType instanceType, Region region, String workloadClass) {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(workloadClass, "workloadClass");
    return Optional.ofNullable(performance.get(key(instanceType.id(), region.id(), workloadClass)));
  }

  @Override
  public Optional<LatencyObservation> latency(Region region, UserLocation location) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(location, "location");
    return Optional.ofNullable(latency.get(key(region.id(), location.name())));
  }

  /** Joins parts with a separator that cannot occur in ids, so distinct keys never collide. */
  private static String key(String... parts) {
    return String.join("\u0000", parts);
  }
}
