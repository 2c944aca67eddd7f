package io.stratus.monitoring.health;

import io.stratus.model.Region;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.scheduler.FilterPlugin;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A read-only view of health for placement decisions: the scheduler (through the host) asks whether a region or
 * provider should be avoided.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface HealthView {
  /** The rejection reason of {@link #schedulerFilter()} for a candidate whose provider is unhealthy. */
  String PROVIDER_UNHEALTHY = "provider unhealthy";

  /** The rejection reason of {@link #schedulerFilter()} for a candidate whose region is unhealthy. */
  String REGION_UNHEALTHY = "region unhealthy";

  /**
   * The state of a target.
   *
   * @param target the target; never null
   * @return the state, {@link HealthState#UNKNOWN} for targets never observed; never null
   */
  HealthState state(HealthTarget target);

  /**
   * Every target that is unhealthy now.
   *
   * @return an immutable set; never null
   */
  Set<HealthTarget> unhealthy();

  /**
   * Whether new work should avoid a region: it, or its provider, is unhealthy. Unknown does not count as a reason to
   * avoid.
   *
   * @param region the region; never null
   * @return true to avoid it
   */
  default boolean shouldAvoid(Region region) {
    return state(HealthTarget.region(region.id())) == HealthState.UNHEALTHY
        || state(HealthTarget.provider(region.provider().id())) == HealthState.UNHEALTHY;
  }

  /**
   * A scheduler filter that keeps new work away from unhealthy places: it rejects a candidate whose provider is
   * unhealthy with {@value #PROVIDER_UNHEALTHY}, else one whose region is unhealthy with {@value #REGION_UNHEALTHY}
   * (reasons the scheduler's explanation counts, under {@code "health: region unhealthy"} since schedulers prefix a
   * host filter's reasons with its name). Add it to a scheduler's builder as a host filter. It reads this view
   * at every decision, so it follows health as it changes; unknown health does not reject.
   *
   * @return a thread-safe filter named {@code health}; never null
   */
  default FilterPlugin schedulerFilter() {
    return new HealthFilter(this);
  }
}
