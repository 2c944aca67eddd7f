package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The environment behind the ServiceLoader-registered {@code simulated} providers: the bundled catalog, a small
 * fleet (on-demand and spot machines of the first instance types of the first region of each cloud, labelled with a
 * team and a workload class) simulated for one day from 2026-01-01T00:00Z with seed 0, then paused.
 */
final class DemoEnvironment {
  /** The id of every ServiceLoader-registered simulated provider. */
  static final String ID = "simulated";
  static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  static final List<UserLocation> USERS = List.of(
      new UserLocation("frankfurt", new GeoPoint(50.11, 8.68)),
      new UserLocation("new-york", new GeoPoint(40.71, -74.01)),
      new UserLocation("singapore", new GeoPoint(1.35, 103.82)));

  private static volatile EnvironmentSimulator shared;

  private DemoEnvironment() {}

  /** Whether the shared environment has been built (in this class loader). */
  static boolean isBuilt() {
    return shared != null;
  }

  /** The shared environment, built on the first call (about three seconds of simulation). */
  static EnvironmentSimulator get() {
    EnvironmentSimulator e = shared;
    if (e == null) {
      synchronized (DemoEnvironment.class) {
        e = shared;
        if (e == null) {
          e = create();
          shared = e;
        }
      }
    }
    return e;
  }

  private static EnvironmentSimulator create() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    BundledCatalog catalog = new BundledCatalog();
    EnvironmentSimulator env = EnvironmentSimulator.builder(catalog, engine, RandomStreams.of(0))
        .userLocations(USERS)
        .instanceFailuresPerHour(0.001)
        .build();
    int n = 0;
    for (CloudProvider p : List.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE)) {
      Region region = env.regions().values().stream().filter(r -> r.provider().equals(p)).findFirst().orElse(null);
      if (region == null) {
        continue;
      }
      List<Offer> offers = catalog.offers(OfferQuery.all().withRegionIds(List.of(region.id())));
      int launched = 0;
      for (Offer o : offers) {
        if (launched >= 4 || o.instanceType().vcpus() > 16) {
          continue;
        }
        if (o.purchaseOption() == PurchaseOption.ON_DEMAND || o.purchaseOption() == PurchaseOption.SPOT) {
          env.launch(o.instanceType().id(), region.id(), null, o.purchaseOption(),
              Map.of("team", (n++ % 2 == 0) ? "payments" : "search", EnvironmentSimulator.WORKLOAD_CLASS_LABEL,
                  "web"));
          launched++;
        }
      }
    }
    engine.runFor(Duration.ofDays(1));
    return env;
  }
}
