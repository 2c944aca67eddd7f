package io.stratus.scheduler.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The solver's solutions on 300 seeded random problems (tiny to medium), as fingerprints of every item's bin type and
 * instance, the costs, the bound and the step count: the search's results are pinned through refactorings of its loop.
 * Refresh with {@code -Dstratus.golden.update=true} only for an intended change of results, and say so in the commit.
 */
class PackingSearchGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/packing-search-solutions.txt");

  static String fingerprint(PlacementSolution s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.problem().itemCount(); i++) {
      b.append(s.binTypeOf(i)).append(':').append(s.instanceOf(i)).append(';');
    }
    b.append(s.totalCost()).append(';').append(s.constructionCost()).append(';').append(s.lowerBound()).append(';')
        .append(s.steps());
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Up to 80 items over up to 5 bin types with room for all (priorities, allowed sets, 1 to 3 dimensions). */
  static PlacementProblem medium(long seed) {
    java.util.Random r = new java.util.Random(seed);
    int d = 1 + r.nextInt(3);
    int types = 2 + r.nextInt(4);
    PlacementProblem.Builder b = PlacementProblem.builder(d);
    for (int t = 0; t < types; t++) {
      double[] cap = new double[d];
      for (int k = 0; k < d; k++) {
        cap[k] = 4 + r.nextInt(29);
      }
      b.addBinType(cap, 1 + r.nextInt(40), 100);
    }
    int items = 20 + r.nextInt(61);
    for (int i = 0; i < items; i++) {
      double[] dem = new double[d];
      for (int k = 0; k < d; k++) {
        dem[k] = 1 + r.nextInt(12);
      }
      b.addItem(dem, r.nextInt(2), r.nextInt(5) == 0 ? new int[] {r.nextInt(types)} : null);
    }
    return b.build();
  }

  static List<String> lines() {
    List<String> out = new ArrayList<>();
    for (long seed = 0; seed < 300; seed++) {
      PlacementProblem p = seed < 200 ? TinyProblems.random(seed, 12) : medium(seed);
      PlacementSolution s = PlacementSolver.builder().seed(seed).maxSteps(seed < 200 ? 2_000 : 5_000).build()
          .solve(p);
      out.add(seed + " " + p.itemCount() + " " + fingerprint(s));
    }
    return out;
  }

  @Test
  void solve_seededRandomProblems_giveThePinnedSolutions() throws IOException {
    List<String> actual = lines();
    if (Boolean.getBoolean("stratus.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
  }
}
