package io.stratus.simulation.scenario;

import io.stratus.model.PurchaseOption;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.simulation.environment.EnvironmentEvent;
import io.stratus.simulation.environment.EnvironmentSimulator;
import io.stratus.simulation.environment.LaunchResult;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One replication of a set of machines kept alive over a period: each slot is launched (or adopted as already
 * running), and relaunched with the same offer after a spot interruption or failure; the time a slot has no running
 * machine is downtime. Used by {@link PlanWhatIf} and {@link SimulatedPlanSimulator}. Not thread-safe; one call per
 * replication.
 */
final class Footprint {
  private static final long RETRY_NANOS = Duration.ofMinutes(5).toNanos();

  /** A machine to keep alive; {@code running} machines exist already (no provisioning, no initial downtime). */
  record Slot(String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels,
      boolean running) {}

  /** What one replication measured. */
  record Measures(double cost, int interruptions, int failures, double downFraction) {}

  private Footprint() {}

  static Measures replicate(PricingProvider catalog, List<Slot> slots, Instant start, Duration horizon,
      PlanWhatIf.Risks risks, RandomStreams streams) {
    if (slots.isEmpty()) {
      return new Measures(0, 0, 0, 0);
    }
    SimulationEngine engine = SimulationEngine.create(start);
    Set<String> regions = new TreeSet<>();
    slots.forEach(s -> regions.add(s.regionId()));
    Map<String, Integer> slotOf = new HashMap<>();
    long[] downSince = new long[slots.size()];
    long[] downtime = new long[slots.size()];
    int[] counts = new int[2];
    int[] relaunch = new int[1];
    EnvironmentSimulator[] envRef = new EnvironmentSimulator[1];
    EnvironmentSimulator env = EnvironmentSimulator.builder(catalog, engine, streams)
        .regionIds(regions)
        .apiRateLimit(0, 1)
        .defaultVcpuQuota(Integer.MAX_VALUE)
        .instanceFailuresPerHour(risks.instanceFailuresPerHour())
        .spotInterruptionMultiplier(risks.spotInterruptionMultiplier())
        .outageRates(risks.zoneOutagesPerDay(), risks.regionOutagesPerDay(), 0, risks.meanOutage())
        .listener(e -> {
          Integer slot = slotOf.get(e.vmId());
          if (slot == null) {
            return;
          }
          if (e.type() == EnvironmentEvent.Type.VM_RUNNING) {
            if (downSince[slot] >= 0) {
              downtime[slot] += engine.nowNanos() - downSince[slot];
            }
            downSince[slot] = -1;
          } else if (e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED
              || e.type() == EnvironmentEvent.Type.VM_FAILED) {
            counts[e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED ? 0 : 1]++;
            slotOf.remove(e.vmId());
            downSince[slot] = engine.nowNanos();
            engine.scheduleAfter(0, relaunch[0], slot, 0);
          }
        })
        .build();
    envRef[0] = env;
    relaunch[0] = engine.register((e, slot, a) -> {
      Slot s = slots.get(slot);
      LaunchResult r = envRef[0].launch(s.instanceTypeId(), s.regionId(), s.zone(), s.option(), s.labels());
      if (r.accepted()) {
        slotOf.put(r.vmId(), slot);
      } else {
        e.scheduleAfter(RETRY_NANOS, relaunch[0], slot, 0);
      }
    });
    env.drawOutages(horizon);
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      if (s.running()) {
        LaunchResult r = env.launchRunning(s.instanceTypeId(), s.regionId(), s.zone(), s.option(), s.labels());
        if (!r.accepted()) {
          throw new IllegalArgumentException("cannot simulate running machine " + s + ": " + r.message());
        }
        slotOf.put(r.vmId(), i);
        downSince[i] = -1;
      } else {
        downSince[i] = 0;
        engine.schedule(0, relaunch[0], i, 0);
      }
    }
    engine.runFor(horizon);
    long end = engine.nowNanos();
    long down = 0;
    for (int i = 0; i < slots.size(); i++) {
      down += downtime[i] + (downSince[i] >= 0 ? end - downSince[i] : 0);
    }
    double cost = 0;
    for (UsageRecord u : env.usage()) {
      cost += u.cost().doubleValue();
    }
    return new Measures(cost, counts[0], counts[1], down / ((double) end * slots.size()));
  }
}
