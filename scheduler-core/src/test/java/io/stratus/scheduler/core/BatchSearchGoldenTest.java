package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.PlacementGroup;
import io.stratus.model.PlacementGroup.Topology;
import io.stratus.model.PlacementGroup.WhenUnsatisfiable;
import io.stratus.model.Workload;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.SchedulerPropertiesTest.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/**
 * The batch planner's plans on 200 seeded random worlds (half with placement groups), as fingerprints of every
 * assignment, every unschedulable workload and the method line (steps, costs, bound): the search's results are pinned
 * through refactorings of its loop. Refresh with {@code -Dstratus.golden.update=true} only for an intended change of
 * results, and say so in the commit.
 */
class BatchSearchGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/batch-search-plans.txt");
  static final int CASES = 100;

  /** A world drawn from a property test's arbitrary with a fixed seed. */
  static <T> T draw(Arbitrary<T> arbitrary, long seed) {
    return arbitrary.generator(100).next(new Random(seed)).value();
  }

  static String fingerprint(PlacementPlan plan) {
    StringBuilder s = new StringBuilder();
    plan.assignments().forEach(a -> s.append(a.workloadId()).append('>').append(a.targetId()).append('@')
        .append(a.candidate().id()).append(';'));
    plan.unschedulable().forEach(d -> s.append(d.workloadId()).append("!;"));
    s.append(plan.method());
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Every workload in one of two groups with rules that depend on the seed (caps, hard and soft spreads). */
  static World allGrouped(World world, long seed) {
    PlacementGroup.Builder a = PlacementGroup.builder("a");
    PlacementGroup.Builder b = PlacementGroup.builder("b").maxPerMachine(2);
    switch ((int) (seed % 4)) {
      case 0 -> a.antiAffinity();
      case 1 -> a.spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE);
      case 2 -> a.spread(Topology.PROVIDER, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY);
      default -> a.maxPerMachine(3).spread(Topology.REGION, 2, WhenUnsatisfiable.SCHEDULE_ANYWAY);
    }
    PlacementGroup[] groups = {a.build(), b.spread(Topology.REGION, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY).build()};
    List<Workload> ws = new ArrayList<>();
    for (int k = 0; k < world.workloads().size(); k++) {
      ws.add(world.workloads().get(k).toBuilder().placementGroup(groups[k % 2]).build());
    }
    return new World(world.offers(), world.vms(), ws);
  }

  static PlacementPlan plan(World world, long seed) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .seed(seed)
        .placementSteps(3_000)
        .build()
        .placeAll(world.workloads());
  }

  static List<String> lines() {
    List<String> out = new ArrayList<>();
    for (long seed = 0; seed < CASES; seed++) {
      World plain = draw(new SchedulerPropertiesTest().worlds(), seed);
      out.add("plain " + seed + " " + fingerprint(plan(plain, seed)));
      World grouped = draw(new PlacementGroupPropertiesTest().grouped(), seed).world();
      List<Workload> ws = grouped.workloads();
      out.add("grouped " + seed + " " + ws.size() + " " + fingerprint(plan(grouped, seed)));
      out.add("all-grouped " + seed + " " + fingerprint(plan(allGrouped(plain, seed), seed)));
    }
    return out;
  }

  @Example
  void placeAll_seededRandomWorlds_giveThePinnedPlans() throws IOException {
    List<String> actual = lines();
    if (Boolean.getBoolean("stratus.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
  }
}
