package io.stratus.benchmarks.placement;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/** OptaPlanner planning entity: a process assigned to a computer. Not thread-safe (the solver mutates it). */
@PlanningEntity(difficultyComparatorClass = OptaProcessDifficulty.class)
public class OptaProcess {
  @PlanningId private Integer id;
  private int cpu;
  private int memory;
  private int network;

  @PlanningVariable private OptaComputer computer;

  /** For OptaPlanner's cloning. */
  public OptaProcess() {}

  OptaProcess(int id, int cpu, int memory, int network) {
    this.id = id;
    this.cpu = cpu;
    this.memory = memory;
    this.network = network;
  }

  /** @return the process index */
  public Integer getId() {
    return id;
  }

  /** @return the cpu demand */
  public int getCpu() {
    return cpu;
  }

  /** @return the memory demand */
  public int getMemory() {
    return memory;
  }

  /** @return the network demand */
  public int getNetwork() {
    return network;
  }

  /** @return the assigned computer, or null before construction */
  public OptaComputer getComputer() {
    return computer;
  }

  /** @param computer the computer to run on */
  public void setComputer(OptaComputer computer) {
    this.computer = computer;
  }
}
