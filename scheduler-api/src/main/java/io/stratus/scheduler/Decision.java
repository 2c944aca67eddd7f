package io.stratus.scheduler;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratus.model.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a scheduler decided for one workload: placed on a candidate, with the hourly cost it adds, what is predicted
 * for it and the score breakdown; or unschedulable, with the reasons. Either way the {@link #explanation()} counts the
 * rejected candidates by reason. An unschedulable workload is a normal outcome, never an exception.
 *
 * <p>Immutable and thread-safe. Create with {@link #placed} or {@link #unschedulable}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Decision {
  /**
   * The outcome of a decision.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** The workload has a place. */
    PLACED,
    /** No candidate can host the workload; see the reasons. */
    UNSCHEDULABLE
  }

  @JsonProperty private final String workloadId;
  @JsonProperty private final Outcome outcome;
  @JsonProperty private final @Nullable Candidate candidate;
  @JsonProperty private final @Nullable Money hourlyCost;
  @JsonProperty private final @Nullable Prediction prediction;
  @JsonProperty private final List<String> reasons;
  @JsonProperty private final Explanation explanation;

  private Decision(
      String workloadId,
      Outcome outcome,
      @Nullable Candidate candidate,
      @Nullable Money hourlyCost,
      @Nullable Prediction prediction,
      List<String> reasons,
      Explanation explanation) {
    this.workloadId = Objects.requireNonNull(workloadId, "decision.workloadId must not be null");
    this.outcome = Objects.requireNonNull(outcome, "decision.outcome must not be null");
    this.explanation = Objects.requireNonNull(explanation, "decision.explanation must not be null");
    this.reasons = List.copyOf(Objects.requireNonNull(reasons, "decision.reasons must not be null"));
    if (outcome == Outcome.PLACED) {
      Objects.requireNonNull(candidate, "decision.candidate must not be null when placed");
      Objects.requireNonNull(hourlyCost, "decision.hourlyCost must not be null when placed");
      Objects.requireNonNull(prediction, "decision.prediction must not be null when placed");
      if (hourlyCost.isNegative()) {
        throw new IllegalArgumentException("decision.hourlyCost must be >= 0, got " + hourlyCost);
      }
    } else {
      if (candidate != null || hourlyCost != null || prediction != null) {
        throw new IllegalArgumentException(
            "decision for '" + workloadId + "' is unschedulable and must carry no candidate, cost or prediction");
      }
      if (this.reasons.isEmpty()) {
        throw new IllegalArgumentException(
            "decision.reasons must not be empty when unschedulable (workload '" + workloadId + "')");
      }
    }
    this.candidate = candidate;
    this.hourlyCost = hourlyCost;
    this.prediction = prediction;
  }

  @JsonCreator
  static Decision fromJson(
      @JsonProperty("workloadId") String workloadId,
      @JsonProperty("outcome") Outcome outcome,
      @JsonProperty("candidate") @Nullable Candidate candidate,
      @JsonProperty("hourlyCost") @Nullable Money hourlyCost,
      @JsonProperty("prediction") @Nullable Prediction prediction,
      @JsonProperty("reasons") @Nullable List<String> reasons,
      @JsonProperty("explanation") Explanation explanation) {
    return new Decision(
        workloadId, outcome, candidate, hourlyCost, prediction, reasons == null ? List.of() : reasons, explanation);
  }

  /**
   * A placed decision.
   *
   * @param workloadId the workload's id; never null
   * @param candidate where it goes; never null
   * @param hourlyCost what placing it there adds per hour (the candidate's marginal cost); never null, {@code >= 0}
   * @param prediction what is predicted for it there; never null
   * @param explanation the score breakdown and the rejections; never null
   * @return the decision; never null
   * @throws IllegalArgumentException if the cost is negative
   */
  public static Decision placed(
      String workloadId, Candidate candidate, Money hourlyCost, Prediction prediction, Explanation explanation) {
    return new Decision(workloadId, Outcome.PLACED, candidate, hourlyCost, prediction, List.of(), explanation);
  }

  /**
   * An unschedulable decision.
   *
   * @param workloadId the workload's id; never null
   * @param reasons why, for people, at least one; never null
   * @param explanation the rejections by reason; never null
   * @return the decision; never null
   * @throws IllegalArgumentException if there is no reason
   */
  public static Decision unschedulable(String workloadId, List<String> reasons, Explanation explanation) {
    return new Decision(workloadId, Outcome.UNSCHEDULABLE, null, null, null, reasons, explanation);
  }

  /**
   * The workload's id.
   *
   * @return the id; never null
   */
  public String workloadId() {
    return workloadId;
  }

  /**
   * Placed or unschedulable.
   *
   * @return the outcome; never null
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Whether the workload has a place.
   *
   * @return true if {@link #outcome()} is {@link Outcome#PLACED}
   */
  @JsonIgnore
  public boolean isPlaced() {
    return outcome == Outcome.PLACED;
  }

  /**
   * The chosen candidate.
   *
   * @return the candidate; empty when unschedulable
   */
  @JsonIgnore
  public Optional<Candidate> candidate() {
    return Optional.ofNullable(candidate);
  }

  /**
   * What placing the workload adds per hour.
   *
   * @return the cost; empty when unschedulable
   */
  @JsonIgnore
  public Optional<Money> hourlyCost() {
    return Optional.ofNullable(hourlyCost);
  }

  /**
   * What is predicted for the workload on the chosen candidate.
   *
   * @return the prediction; empty when unschedulable
   */
  @JsonIgnore
  public Optional<Prediction> prediction() {
    return Optional.ofNullable(prediction);
  }

  /**
   * Why the workload is unschedulable.
   *
   * @return an immutable list; empty when placed
   */
  public List<String> reasons() {
    return reasons;
  }

  /**
   * The score breakdown and rejected-candidate counts.
   *
   * @return the explanation; never null
   */
  public Explanation explanation() {
    return explanation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision d
        && workloadId.equals(d.workloadId)
        && outcome == d.outcome
        && Objects.equals(candidate, d.candidate)
        && Objects.equals(hourlyCost, d.hourlyCost)
        && Objects.equals(prediction, d.prediction)
        && reasons.equals(d.reasons)
        && explanation.equals(d.explanation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(workloadId, outcome, candidate, hourlyCost, prediction, reasons, explanation);
  }

  @Override
  public String toString() {
    return outcome == Outcome.PLACED
        ? "Decision{" + workloadId + " -> " + candidate + " at " + hourlyCost + "/h}"
        : "Decision{" + workloadId + " unschedulable: " + String.join("; ", reasons) + "}";
  }
}
