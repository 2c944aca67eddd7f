package io.stratus.spi;

import io.stratus.model.InstanceType;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Source of observed performance: CPU scores and failure rates per instance type, region and workload class, and
 * latency from regions to user locations. Schedulers fall back to documented estimates where it has nothing.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PerformanceHistoryProvider extends StratusProvider {
  /**
   * What has been observed for this combination.
   *
   * @param instanceType the type; never null
   * @param region the region; never null
   * @param workloadClass the workload class; never null
   * @return the observation, empty when there is none
   */
  Optional<PerformanceObservation> performance(InstanceType instanceType, Region region, String workloadClass);

  /**
   * Observed latency from a region to a user location.
   *
   * @param region the region; never null
   * @param location the user location; never null
   * @return the observation, empty when there is none
   */
  Optional<LatencyObservation> latency(Region region, UserLocation location);
}
