package io.stratus.simulation.environment;

import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PricingProvider;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import io.stratus.testkit.PerformanceHistoryProviderCompatibilityKit;
import io.stratus.testkit.PricingProviderCompatibilityKit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The ServiceLoader-registered simulated providers pass the SPI compatibility kits. */
class SimulatedProviderKitsTest {

  @Nested
  class Pricing extends PricingProviderCompatibilityKit {
    @Override
    protected PricingProvider createProvider() {
      return new SimulatedPricingProvider();
    }
  }

  @Nested
  class Inventory extends InventoryProviderCompatibilityKit {
    @Override
    protected InventoryProvider createProvider() {
      return new SimulatedInventoryProvider();
    }
  }

  @Nested
  class PerformanceHistory extends PerformanceHistoryProviderCompatibilityKit {
    @Override
    protected PerformanceHistoryProvider createProvider() {
      return new SimulatedPerformanceHistoryProvider();
    }

    @Override
    protected List<PerformanceProbe> knownPerformance() {
      List<PerformanceProbe> probes = new ArrayList<>();
      for (VirtualMachine vm : new SimulatedInventoryProvider().runningVms()) {
        probes.add(new PerformanceProbe(vm.instanceType(), vm.region(), "web"));
      }
      return probes;
    }

    @Override
    protected List<LatencyProbe> knownLatencies() {
      List<LatencyProbe> probes = new ArrayList<>();
      for (Region r : new SimulatedPricingProvider().regions().subList(0, 3)) {
        probes.add(new LatencyProbe(r, DemoEnvironment.USERS.get(0)));
      }
      return probes;
    }
  }
}
