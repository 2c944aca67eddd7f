package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small simulated fleet across a month boundary, shared by the emitter tests. */
final class SimFleet {
  static final Instant ORIGIN = Instant.parse("2026-01-31T12:00:00Z");
  static final BundledCatalog CATALOG = new BundledCatalog();

  final SimulationEngine engine = SimulationEngine.create(ORIGIN);
  final EnvironmentSimulator env;
  final List<Offer> launched = new ArrayList<>();

  /** Launches on-demand and spot machines on each cloud, runs a day, terminates half, runs another day. */
  SimFleet(long seed) {
    env = EnvironmentSimulator.builder(CATALOG, engine, RandomStreams.of(seed)).instanceFailuresPerHour(0).build();
    List<String> vms = new ArrayList<>();
    int n = 0;
    for (CloudProvider p : List.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE)) {
      Region region = env.regions().values().stream().filter(r -> r.provider().equals(p)).findFirst().orElseThrow();
      int count = 0;
      for (Offer o : CATALOG.offers(OfferQuery.all().withRegionIds(List.of(region.id())))) {
        if (count < 3 && o.instanceType().vcpus() <= 8
            && (o.purchaseOption() == PurchaseOption.ON_DEMAND || o.purchaseOption() == PurchaseOption.SPOT)) {
          LaunchResult r = env.launch(o.instanceType().id(), region.id(), null, o.purchaseOption(),
              Map.of("team", n++ % 2 == 0 ? "payments" : "search", "workload", "web"));
          if (r.accepted()) {
            vms.add(r.vmId());
            launched.add(o);
            count++;
          }
        }
      }
    }
    engine.runFor(Duration.ofMinutes(1437).plusSeconds(17));
    for (int i = 0; i < vms.size(); i += 2) {
      env.terminate(vms.get(i));
    }
    engine.runFor(Duration.ofDays(2)); // runFor is measured from the origin
  }

  Instant now() {
    return engine.clock().instant();
  }
}
