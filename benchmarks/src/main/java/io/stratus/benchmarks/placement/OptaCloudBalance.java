package io.stratus.benchmarks.placement;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/** OptaPlanner planning solution of the cloud-balancing model. Not thread-safe. */
@PlanningSolution
public class OptaCloudBalance {
  @ProblemFactCollectionProperty @ValueRangeProvider private List<OptaComputer> computers;
  @PlanningEntityCollectionProperty private List<OptaProcess> processes;
  @PlanningScore private HardSoftLongScore score;

  /** For OptaPlanner's cloning. */
  public OptaCloudBalance() {}

  OptaCloudBalance(List<OptaComputer> computers, List<OptaProcess> processes) {
    this.computers = computers;
    this.processes = processes;
  }

  /** @return the computers */
  public List<OptaComputer> getComputers() {
    return computers;
  }

  /** @return the processes */
  public List<OptaProcess> getProcesses() {
    return processes;
  }

  /** @return the score, or null before solving */
  public HardSoftLongScore getScore() {
    return score;
  }

  /** @param score the score */
  public void setScore(HardSoftLongScore score) {
    this.score = score;
  }
}
