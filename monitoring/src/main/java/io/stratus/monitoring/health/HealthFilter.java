package io.stratus.monitoring.health;

import io.stratus.model.Region;
import io.stratus.model.Workload;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.FilterPlugin;
import java.util.Optional;

/** Rejects candidates in unhealthy providers or regions, reading the view live at each decision. Thread-safe. */
final class HealthFilter implements FilterPlugin {
  private final HealthView view;

  HealthFilter(HealthView view) {
    this.view = view;
  }

  @Override
  public Optional<String> filter(Workload workload, Candidate candidate) {
    Region region = candidate.region();
    if (view.state(HealthTarget.provider(region.provider().id())) == HealthState.UNHEALTHY) {
      return Optional.of(HealthView.PROVIDER_UNHEALTHY);
    }
    if (view.state(HealthTarget.region(region.id())) == HealthState.UNHEALTHY) {
      return Optional.of(HealthView.REGION_UNHEALTHY);
    }
    return Optional.empty();
  }

  @Override
  public String name() {
    return "health";
  }
}
