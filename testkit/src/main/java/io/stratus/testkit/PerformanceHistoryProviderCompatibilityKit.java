package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PerformanceHistoryProvider} must meet. Extend it, return a fresh provider from {@link
 * #createProvider()}, and list the combinations its test data covers in {@link #knownPerformance()} and {@link
 * #knownLatencies()}.
 * Not thread-safe itself (JUnit creates one instance per test method).
 *
 * <p>It checks the id; that known combinations are found and answer for exactly what was asked (same instance type,
 * region, workload class, location); that unknown combinations are an empty result, never an exception; that null
 * arguments are refused; that repeated lookups agree; and that concurrent lookups are safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class PerformanceHistoryProviderCompatibilityKit {
  /**
   * A combination the provider has performance history for.
   *
   * @param instanceType the type
   * @param region the region
   * @param workloadClass the workload class
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record PerformanceProbe(InstanceType instanceType, Region region, String workloadClass) {
    /**
     * Validates.
     *
     * @param instanceType the type; never null
     * @param region the region; never null
     * @param workloadClass the workload class; never null
     * @throws NullPointerException if a component is null
     */
    public PerformanceProbe {
      Objects.requireNonNull(instanceType, "instanceType");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(workloadClass, "workloadClass");
    }
  }

  /**
   * A region and user location the provider has latency history for.
   *
   * @param region the region
   * @param location the user location
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record LatencyProbe(Region region, UserLocation location) {
    /**
     * Validates.
     *
     * @param region the region; never null
     * @param location the user location; never null
     * @throws NullPointerException if a component is null
     */
    public LatencyProbe {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(location, "location");
    }
  }

  /** A region no real provider has. */
  private static final Region UNKNOWN_REGION =
      new Region(
          CloudProvider.of("kit-cloud"), "nowhere-1", "Nowhere", "AQ", Set.of(), List.of(), new GeoPoint(-75, 0),
          Set.of());
  private static final InstanceType UNKNOWN_TYPE =
      new InstanceType(CloudProvider.of("kit-cloud"), "kit.none", "kit", 1, 1, 0, "", Architecture.X86_64, 0);
  private static final UserLocation UNKNOWN_LOCATION = new UserLocation("kit-nowhere", new GeoPoint(-75, 0));

  /** The provider under test, created before each test. */
  protected PerformanceHistoryProvider provider;

  /** Creates the kit. */
  protected PerformanceHistoryProviderCompatibilityKit() {}

  /**
   * Creates the provider under test; called before every test.
   *
   * @return a provider; never null
   */
  protected abstract PerformanceHistoryProvider createProvider();

  /**
   * Combinations the provider from {@link #createProvider()} has performance history for.
   *
   * @return the combinations; empty by default, which leaves only the negative checks
   */
  protected List<PerformanceProbe> knownPerformance() {
    return List.of();
  }

  /**
   * Region and location pairs the provider from {@link #createProvider()} has latency history for.
   *
   * @return the pairs; empty by default, which leaves only the negative checks
   */
  protected List<LatencyProbe> knownLatencies() {
    return List.of();
  }

  /** Creates {@link #provider}. */
  @BeforeEach
  void createProviderUnderTest() {
    provider = createProvider();
    assertThat(provider).as("createProvider()").isNotNull();
  }

  @Test
  void id_isNonBlankAndRegistrable() {
    assertThat(provider.id()).as("id()").isNotBlank();
    assertThat(provider.description()).as("description()").isNotNull();
    assertThat(
            ProviderRegistry.empty(PerformanceHistoryProvider.class).register(provider).require(provider.id()))
        .isSameAs(provider);
  }

  @Test
  void performance_knownCombination_isFoundForExactlyWhatWasAsked() {
    for (PerformanceProbe p : knownPerformance()) {
      Optional<PerformanceObservation> found = provider.performance(p.instanceType(), p.region(), p.workloadClass());
      assertThat(found).as("performance(%s)", p).isPresent();
      PerformanceObservation o = found.get();
      assertThat(o.instanceTypeId()).as("instanceTypeId of %s", p).isEqualTo(p.instanceType().id());
      assertThat(o.regionId()).as("regionId of %s", p).isEqualTo(p.region().id());
      assertThat(o.workloadClass()).as("workloadClass of %s", p).isEqualTo(p.workloadClass());
      assertThat(provider.performance(p.instanceType(), p.region(), p.workloadClass()))
          .as("a repeated lookup of %s", p)
          .contains(o);
    }
  }

  @Test
  void latency_knownPair_isFoundForExactlyWhatWasAsked() {
    for (LatencyProbe p : knownLatencies()) {
      Optional<LatencyObservation> found = provider.latency(p.region(), p.location());
      assertThat(found).as("latency(%s)", p).isPresent();
      assertThat(found.get().regionId()).as("regionId of %s", p).isEqualTo(p.region().id());
      assertThat(found.get().locationName()).as("locationName of %s", p).isEqualTo(p.location().name());
      assertThat(provider.latency(p.region(), p.location())).as("a repeated lookup of %s", p).isEqualTo(found);
    }
  }

  @Test
  void unknownCombinations_areEmptyNotErrors() {
    assertThat(provider.performance(UNKNOWN_TYPE, UNKNOWN_REGION, "general")).isEmpty();
    assertThat(provider.latency(UNKNOWN_REGION, UNKNOWN_LOCATION)).isEmpty();
    for (PerformanceProbe p : knownPerformance()) {
      assertThat(provider.performance(p.instanceType(), p.region(), "kit-no-such-class"))
          .as("an unknown workload class for %s", p)
          .isEmpty();
    }
    for (LatencyProbe p : knownLatencies()) {
      assertThat(provider.latency(p.region(), UNKNOWN_LOCATION)).as("an unknown location for %s", p).isEmpty();
    }
  }

  @Test
  void nullArguments_areRejected() {
    Region region = knownPerformance().isEmpty() ? UNKNOWN_REGION : knownPerformance().get(0).region();
    InstanceType type = knownPerformance().isEmpty() ? UNKNOWN_TYPE : knownPerformance().get(0).instanceType();
    assertThatThrownBy(() -> provider.performance(null, region, "general")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> provider.performance(type, null, "general")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> provider.performance(type, region, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> provider.latency(null, UNKNOWN_LOCATION)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> provider.latency(region, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void concurrentLookups_agreeWithSequentialOnes() throws Exception {
    PerformanceHistoryProvider fresh = createProvider();
    List<Optional<PerformanceObservation>> expected = new ArrayList<>();
    for (PerformanceProbe p : knownPerformance()) {
      expected.add(fresh.performance(p.instanceType(), p.region(), p.workloadClass()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        tasks.add(
            () -> {
              for (int i = 0; i < knownPerformance().size(); i++) {
                PerformanceProbe p = knownPerformance().get(i);
                if (!fresh.performance(p.instanceType(), p.region(), p.workloadClass()).equals(expected.get(i))) {
                  return false;
                }
              }
              return fresh.performance(UNKNOWN_TYPE, UNKNOWN_REGION, "general").isEmpty();
            });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).as("a concurrent lookup returned a different observation").isTrue();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
