package io.stratus.testkit;

import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.model.GeoPoint;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The inventory, history and notification kits pass on correct providers.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class OtherKitsOnCorrectProvidersTest {
  static final Offer SOME = Fixtures.offers().get(0);
  static final InstanceType TYPE = SOME.instanceType();
  static final Region REGION = SOME.region();
  static final UserLocation BERLIN = new UserLocation("berlin", new GeoPoint(52.5, 13.4));

  static Fixtures.MapHistory history() {
    return new Fixtures.MapHistory(
        List.of(new PerformanceObservation(TYPE.id(), REGION.id(), "web", 1.1, 0.01, 20, Fixtures.T)),
        List.of(new LatencyObservation(REGION.id(), "berlin", 12.5, 100, Fixtures.T)));
  }

  @Nested
  class Inventory extends InventoryProviderCompatibilityKit {
    @Override
    protected InventoryProvider createProvider() {
      return new Fixtures.ListInventory(Fixtures.vms());
    }
  }

  @Nested
  class History extends PerformanceHistoryProviderCompatibilityKit {
    @Override
    protected PerformanceHistoryProvider createProvider() {
      return history();
    }

    @Override
    protected List<PerformanceProbe> knownPerformance() {
      return List.of(new PerformanceProbe(TYPE, REGION, "web"));
    }

    @Override
    protected List<LatencyProbe> knownLatencies() {
      return List.of(new LatencyProbe(REGION, BERLIN));
    }
  }

  @Nested
  class Channel extends NotificationChannelCompatibilityKit {
    private Fixtures.Outbox last;

    @Override
    protected NotificationChannel createProvider() {
      last = new Fixtures.Outbox(false);
      return last;
    }

    @Override
    protected Optional<List<Notification>> delivered() {
      return Optional.of(List.copyOf(last.delivered));
    }

    @Override
    protected Optional<NotificationChannel> createFailingProvider() {
      return Optional.of(new Fixtures.Outbox(true));
    }
  }
}
