package io.stratus.testkit.monitoring;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.store.InMemoryMetricStore;

/**
 * Runs the compatibility kit against this implementation.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class InMemoryMetricStoreCompatibilityTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    return InMemoryMetricStore.create(64);
  }
}
