package io.stratus.scheduler.core;

import io.stratus.scheduler.Objective;
import io.stratus.scheduler.ScorePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How feasible candidates are ranked: weighted sum of normalized objective and plugin scores, or lexicographic over
 * objectives with a relative tolerance. Immutable.
 */
final class Scoring {
  enum Mode {
    WEIGHTED,
    LEXICOGRAPHIC
  }

  final Mode mode;
  /** Weight per {@link Objective} ordinal (weighted mode). */
  final double[] weights;
  final List<ScorePlugin> plugins;
  final double[] pluginWeights;
  /** Objectives in priority order (lexicographic mode). */
  final List<Objective> order;
  final double tolerance;

  private Scoring(
      Mode mode,
      double[] weights,
      List<ScorePlugin> plugins,
      double[] pluginWeights,
      List<Objective> order,
      double tolerance) {
    this.mode = mode;
    this.weights = weights.clone();
    this.plugins = List.copyOf(plugins);
    this.pluginWeights = pluginWeights.clone();
    this.order = List.copyOf(order);
    this.tolerance = tolerance;
  }

  static Scoring weighted(double[] weights, List<ScorePlugin> plugins, double[] pluginWeights) {
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      requireWeight(weights[k], Objective.values()[k].pluginName());
      sum += weights[k];
    }
    for (int j = 0; j < pluginWeights.length; j++) {
      requireWeight(pluginWeights[j], plugins.get(j).name());
      sum += pluginWeights[j];
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights must not all be zero: give at least one objective a weight > 0");
    }
    return new Scoring(Mode.WEIGHTED, weights, plugins, pluginWeights, List.of(), 0);
  }

  static Scoring lexicographic(List<Objective> order, double tolerance) {
    Objects.requireNonNull(order, "order must not be null");
    if (order.isEmpty()) {
      throw new IllegalArgumentException("lexicographic order must name at least one objective");
    }
    if (order.size() != order.stream().distinct().count()) {
      throw new IllegalArgumentException("lexicographic order must not repeat an objective, got " + order);
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("lexicographic tolerance must be in [0, 1], got " + tolerance);
    }
    return new Scoring(
        Mode.LEXICOGRAPHIC, new double[Objective.values().length], List.of(), new double[0], order, tolerance);
  }

  static Scoring costOnly() {
    double[] w = new double[Objective.values().length];
    w[Objective.COST.ordinal()] = 1;
    return new Scoring(Mode.WEIGHTED, w, List.of(), new double[0], List.of(), 0);
  }

  static void requireWeight(double w, String name) {
    if (!Double.isFinite(w) || w < 0) {
      throw new IllegalArgumentException("weight of '" + name + "' must be finite and >= 0, got " + w);
    }
  }

  List<String> describe() {
    List<String> out = new ArrayList<>();
    if (mode == Mode.LEXICOGRAPHIC) {
      StringBuilder b = new StringBuilder("lexicographic: ");
      for (int k = 0; k < order.size(); k++) {
        b.append(k == 0 ? "" : " > ").append(order.get(k).pluginName());
      }
      b.append(" (tolerance ").append(Query.pct(tolerance)).append(')');
      out.add(b.toString());
    }
    return out;
  }
}
