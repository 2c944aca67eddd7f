package io.stratus.testkit.monitoring;

import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.monitoring.store.MetricStore;

class InMemoryMetricStoreCompatibilityTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    return InMemoryMetricStore.create(64);
  }
}
