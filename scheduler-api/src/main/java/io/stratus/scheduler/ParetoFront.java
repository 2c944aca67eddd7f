package io.stratus.scheduler;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The candidates for one workload that no other feasible candidate beats on every objective at once (expected cost,
 * CPU score, p95 latency, failure rate): the menu of cost/performance trade-offs, cheapest first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param workloadId the workload
 * @param points the non-dominated candidates, by expected hourly cost ascending; empty when nothing is feasible
 * @param explanation the filter outcome (considered, feasible, rejections by reason)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ParetoFront(String workloadId, List<Point> points, Explanation explanation) {

  /**
   * One non-dominated candidate with its predicted figures.
   *
   * @param candidate the candidate
   * @param prediction what it is predicted to cost and deliver
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Point(Candidate candidate, Prediction prediction) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a component is null
     */
    public Point {
      Objects.requireNonNull(candidate, "point.candidate must not be null");
      Objects.requireNonNull(prediction, "point.prediction must not be null");
    }
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public ParetoFront {
    Objects.requireNonNull(workloadId, "paretoFront.workloadId must not be null");
    Objects.requireNonNull(explanation, "paretoFront.explanation must not be null");
    points = List.copyOf(Objects.requireNonNull(points, "paretoFront.points must not be null"));
  }
}
