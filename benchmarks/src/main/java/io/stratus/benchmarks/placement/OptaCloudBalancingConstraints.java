package io.stratus.benchmarks.placement;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sum;
import static org.optaplanner.core.api.score.stream.Joiners.equal;

import java.util.function.Function;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * Cloud-balancing constraints for OptaPlanner: hard = capacity overflow per computer and dimension, soft = -(cost of
 * the computers that run at least one process). Stateless.
 */
public class OptaCloudBalancingConstraints implements ConstraintProvider {

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
      factory
          .forEach(OptaProcess.class)
          .groupBy(OptaProcess::getComputer, sum(OptaProcess::getCpu))
          .filter((computer, cpu) -> cpu > computer.getCpu())
          .penalizeLong(HardSoftLongScore.ONE_HARD, (computer, cpu) -> cpu - computer.getCpu())
          .asConstraint("cpu capacity"),
      factory
          .forEach(OptaProcess.class)
          .groupBy(OptaProcess::getComputer, sum(OptaProcess::getMemory))
          .filter((computer, memory) -> memory > computer.getMemory())
          .penalizeLong(HardSoftLongScore.ONE_HARD, (computer, memory) -> memory - computer.getMemory())
          .asConstraint("memory capacity"),
      factory
          .forEach(OptaProcess.class)
          .groupBy(OptaProcess::getComputer, sum(OptaProcess::getNetwork))
          .filter((computer, network) -> network > computer.getNetwork())
          .penalizeLong(HardSoftLongScore.ONE_HARD, (computer, network) -> network - computer.getNetwork())
          .asConstraint("network capacity"),
      factory
          .forEach(OptaComputer.class)
          .ifExists(OptaProcess.class, equal(Function.identity(), OptaProcess::getComputer))
          .penalizeLong(HardSoftLongScore.ONE_SOFT, OptaComputer::getCost)
          .asConstraint("computer cost")
    };
  }
}
