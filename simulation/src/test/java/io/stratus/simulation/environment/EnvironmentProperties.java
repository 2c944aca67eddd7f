package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratus.model.CloudProvider;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Invariants of the simulated cloud under random operation sequences, failures and outages. */
class EnvironmentProperties {
  private static final List<Offer> OFFERS = List.of(
      EnvironmentSimulatorTest.anOffer(CloudProvider.AWS, PurchaseOption.ON_DEMAND),
      EnvironmentSimulatorTest.anOffer(CloudProvider.GCP, PurchaseOption.ON_DEMAND),
      EnvironmentSimulatorTest.anOffer(CloudProvider.AZURE, PurchaseOption.ON_DEMAND));

  /** An operation: 0 launch offer k, 1 terminate the k-th machine, 2 advance k minutes, 3 outage of offer k's region. */
  record Op(int type, int k) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 40))
        .as(Op::new);
  }

  @Property(tries = 60)
  void everyMachineEndsOnce_andOnDemandCostIsPriceTimesBilledTime(
      @ForAll @Size(max = 60) List<@net.jqwik.api.From("ops") Op> ops, @ForAll long seed) {
    SimulationEngine engine = SimulationEngine.create(EnvironmentSimulatorTest.T0);
    EnvironmentSimulator env = EnvironmentSimulator.builder(EnvironmentSimulatorTest.CATALOG, engine,
            RandomStreams.of(seed))
        .regionIds(java.util.Set.copyOf(OFFERS.stream().map(o -> o.region().id()).toList()))
        .apiRateLimit(0, 1).instanceFailuresPerHour(0.5).build();
    List<String> ids = new ArrayList<>();
    int accepted = 0;
    for (Op op : ops) {
      switch (op.type()) {
        case 0 -> {
          Offer o = OFFERS.get(op.k() % OFFERS.size());
          LaunchResult r = env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND,
              Map.of());
          if (r.accepted()) {
            accepted++;
            ids.add(r.vmId());
          }
        }
        case 1 -> {
          if (!ids.isEmpty()) {
            env.terminate(ids.get(op.k() % ids.size()));
          }
        }
        case 2 -> engine.runUntil(engine.nowNanos() + Duration.ofMinutes(op.k()).toNanos());
        default -> {
          Offer o = OFFERS.get(op.k() % OFFERS.size());
          env.scheduleOutage(OutageScope.REGION, o.region().id(), engine.clock().instant().plusSeconds(30),
              Duration.ofMinutes(10));
        }
      }
    }
    engine.runUntil(engine.nowNanos() + Duration.ofHours(1).toNanos());
    Map<String, Integer> counts = env.vmCounts();
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(accepted);
    for (UsageRecord u : env.usage()) {
      double price = OFFERS.stream().filter(o -> o.instanceType().id().equals(u.instanceTypeId())).findFirst()
          .orElseThrow().hourlyPrice().amount().doubleValue();
      assertThat(u.cost().doubleValue()).isCloseTo(price * u.billedSeconds() / 3600, within(1e-9));
      BillingRule rule = BillingRule.defaultFor(u.provider());
      long running = Duration.between(u.start(), u.end()).toNanos();
      assertThat(u.billedSeconds()).isEqualTo(rule.billedNanos(running) / 1e9);
    }
  }
}
