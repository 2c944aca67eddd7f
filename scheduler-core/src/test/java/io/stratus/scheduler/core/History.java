package io.stratus.scheduler.core;

import io.stratus.model.InstanceType;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A performance history the test fills by hand. */
final class History implements PerformanceHistoryProvider {
  private final Map<String, PerformanceObservation> performance = new HashMap<>();
  private final Map<String, LatencyObservation> latency = new HashMap<>();

  History cpu(InstanceType t, Region r, String workloadClass, double score, double failureRate) {
    performance.put(t.id() + "|" + r.id() + "|" + workloadClass,
        new PerformanceObservation(t.id(), r.id(), workloadClass, score, failureRate, 10, Fixtures.T0));
    return this;
  }

  History latency(Region r, UserLocation l, double p95) {
    latency.put(r.id() + "|" + l.name(), new LatencyObservation(r.id(), l.name(), p95, 100, Fixtures.T0));
    return this;
  }

  @Override
  public String id() {
    return "test-history";
  }

  @Override
  public Optional<PerformanceObservation> performance(InstanceType t, Region r, String workloadClass) {
    return Optional.ofNullable(performance.get(t.id() + "|" + r.id() + "|" + workloadClass));
  }

  @Override
  public Optional<LatencyObservation> latency(Region r, UserLocation l) {
    return Optional.ofNullable(latency.get(r.id() + "|" + l.name()));
  }
}
