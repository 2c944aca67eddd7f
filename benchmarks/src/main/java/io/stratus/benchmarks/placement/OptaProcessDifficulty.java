package io.stratus.benchmarks.placement;

import java.util.Comparator;

/**
 * Difficulty of a process for OptaPlanner's first-fit-decreasing construction: larger {@code cpu * memory * network}
 * is more difficult, ties by id. Stateless.
 */
public class OptaProcessDifficulty implements Comparator<OptaProcess> {
  @Override
  public int compare(OptaProcess a, OptaProcess b) {
    long va = (long) a.getCpu() * a.getMemory() * a.getNetwork();
    long vb = (long) b.getCpu() * b.getMemory() * b.getNetwork();
    int c = Long.compare(va, vb);
    return c != 0 ? c : a.getId().compareTo(b.getId());
  }
}
