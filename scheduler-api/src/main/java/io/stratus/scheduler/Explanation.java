package io.stratus.scheduler;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Why a scheduler decided what it did: how many candidates it considered and how many were feasible, the score
 * breakdown of the chosen candidate per plugin, the rejected candidates counted by reason, and free-form notes (for
 * example which figures were estimated rather than observed).
 *
 * <p>Every rejected candidate is counted under exactly one reason (the first filter it failed), so
 * {@code considered == feasible + sum of rejection counts}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param considered candidates examined, {@code >= 0}
 * @param feasible candidates that passed every filter, {@code <= considered}
 * @param scores the chosen candidate's score per plugin; empty when nothing was chosen
 * @param rejections rejected candidates by reason, most frequent first
 * @param notes remarks for people, in order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Explanation(
    int considered, int feasible, List<Score> scores, List<Rejection> rejections, List<String> notes) {

  /**
   * One plugin's contribution to the chosen candidate's score.
   *
   * @param plugin the plugin's name, e.g. {@code cost}
   * @param weight the plugin's weight, finite and {@code >= 0}
   * @param raw the raw value the plugin measured (for the built-in objectives: expected USD/h, CPU score per vCPU,
   *     p95 ms, monthly failure probability)
   * @param normalized the score in [0, 1] after normalization across the feasible candidates (1 is best)
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Score(String plugin, double weight, double raw, double normalized) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the weight is negative or not finite, or normalized is outside [0, 1]
     */
    public Score {
      Objects.requireNonNull(plugin, "score.plugin must not be null");
      if (!Double.isFinite(weight) || weight < 0) {
        throw new IllegalArgumentException("score.weight must be finite and >= 0, got " + weight + " for " + plugin);
      }
      if (!(normalized >= 0 && normalized <= 1)) {
        throw new IllegalArgumentException("score.normalized must be in [0, 1], got " + normalized + " for " + plugin);
      }
    }

    /**
     * The weighted contribution.
     *
     * @return {@code weight * normalized}
     */
    public double weighted() {
      return weight * normalized;
    }
  }

  /**
   * How many candidates were rejected for one reason.
   *
   * @param reason the reason, e.g. {@code "insufficient memory"}
   * @param count how many, {@code >= 1}
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Rejection(String reason, int count) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the reason is blank or the count is below 1
     */
    public Rejection {
      Objects.requireNonNull(reason, "rejection.reason must not be null");
      if (reason.isBlank()) {
        throw new IllegalArgumentException("rejection.reason must not be blank");
      }
      if (count < 1) {
        throw new IllegalArgumentException("rejection.count must be >= 1, got " + count + " for '" + reason + "'");
      }
    }
  }

  /**
   * Validates and sorts: rejections by count descending, then reason.
   *
   * @throws IllegalArgumentException if counts do not add up or a reason repeats
   */
  public Explanation {
    Objects.requireNonNull(scores, "explanation.scores must not be null");
    Objects.requireNonNull(rejections, "explanation.rejections must not be null");
    Objects.requireNonNull(notes, "explanation.notes must not be null");
    scores = List.copyOf(scores);
    notes = List.copyOf(notes);
    List<Rejection> sorted = new ArrayList<>(rejections);
    sorted.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count()) : a.reason().compareTo(b.reason()));
    rejections = List.copyOf(sorted);
    if (considered < 0 || feasible < 0 || feasible > considered) {
      throw new IllegalArgumentException(
          "explanation needs 0 <= feasible <= considered, got feasible " + feasible + ", considered " + considered);
    }
    long rejected = 0;
    Set<String> reasons = new HashSet<>();
    for (Rejection r : rejections) {
      rejected += r.count();
      if (!reasons.add(r.reason())) {
        throw new IllegalArgumentException("explanation.rejections lists reason '" + r.reason() + "' twice");
      }
    }
    if (rejected != considered - feasible) {
      throw new IllegalArgumentException(
          "explanation.rejections must count every rejected candidate once: considered " + considered + " - feasible "
              + feasible + " != " + rejected);
    }
  }

  /**
   * The total weighted score of the chosen candidate.
   *
   * @return the sum of {@link Score#weighted()}; 0 when nothing was chosen
   */
  public double totalScore() {
    double sum = 0;
    for (Score s : scores) {
      sum += s.weighted();
    }
    return sum;
  }

  /**
   * The rejections as one line, e.g. {@code "1,204 insufficient memory; 311 region not in allowed jurisdiction EU"}.
   *
   * @return the summary; empty when nothing was rejected
   */
  public String rejectionSummary() {
    NumberFormat format = NumberFormat.getIntegerInstance(Locale.ROOT);
    format.setGroupingUsed(true);
    StringBuilder out = new StringBuilder();
    for (Rejection r : rejections) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(format.format(r.count())).append(' ').append(r.reason());
    }
    return out.toString();
  }
}
