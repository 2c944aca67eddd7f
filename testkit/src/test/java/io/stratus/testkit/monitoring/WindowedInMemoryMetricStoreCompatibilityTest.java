package io.stratus.testkit.monitoring;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.store.InMemoryMetricStore;
import java.time.Duration;

/** Runs the compatibility kit against the in-memory store with an out-of-order window. */
class WindowedInMemoryMetricStoreCompatibilityTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    return InMemoryMetricStore.builder().blockPoints(4).outOfOrderWindow(Duration.ofMinutes(5)).build();
  }
}
