package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The candidate detector configurations among which the leave-one-category-out protocol chooses, built only from the
 * library's public factories. Names spell the configuration: members ({@code e} EWMA, {@code d} hour-of-day and
 * {@code w} hour-of-week seasonal baselines, {@code c} contextual novelty, {@code h} half-space trees, each wrapped in
 * the likelihood stage; {@code x} new extremes, raw; upper case: the same members wrapped in the rank stage instead), then {@code a}
 * averaging, {@code L} likelihood span, {@code R} rank span,
 * {@code cd} alert cooldown in points and {@code t} the score (in hundredths) that starts a cooldown.
 */
final class NabCandidates {

  private NabCandidates() {
  }

  static Map<String, Supplier<StreamingDetector>> all() {
    Map<String, Supplier<StreamingDetector>> m = new LinkedHashMap<>();
    DetectorOptions old = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    m.put("previousDefault", () -> Detectors.ensemble(old, List.of(
        Detectors.seasonalBaseline(old.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_DAY).build()),
        Detectors.seasonalBaseline(old.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build()),
        Detectors.ewma(old))));
    for (int span : new int[] {1000, 2000, 4000}) {
      m.put("Cx-R" + span + "-cd0", () -> candidate("Cx", span, 0, 1.0));
    }
    for (String members : List.of("ECx", "CDWx", "CHx")) {
      m.put(members + "-R2000-cd0", () -> candidate(members, 2000, 0, 1.0));
    }
    for (String members : List.of("Cx", "ECx", "CDWx")) {
      for (int cooldown : new int[] {128, 512}) {
        m.put(members + "-R2000-cd" + cooldown + "t90", () -> candidate(members, 2000, cooldown, 0.9));
      }
    }
    return m;
  }

  static StreamingDetector candidate(String members, int span, int cooldown, double trigger) {
    int averaging = 10;
    DetectorOptions o = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    DetectorOptions lo = DetectorOptions.builder().window(span).warmUp(64).build();
    List<StreamingDetector> list = new ArrayList<>();
    for (char c : members.toCharArray()) {
      switch (c) {
        case 'e' -> list.add(Detectors.likelihood(Detectors.ewma(o), averaging, lo));
        case 'd' -> list.add(Detectors.likelihood(Detectors.seasonalBaseline(o), averaging, lo));
        case 'w' -> list.add(Detectors.likelihood(Detectors.seasonalBaseline(
            o.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build()), averaging, lo));
        case 'c' -> list.add(Detectors.likelihood(Detectors.contextual(o), averaging, lo));
        case 'h' -> list.add(Detectors.likelihood(Detectors.halfSpaceTrees(o), averaging, lo));
        case 'x' -> list.add(Detectors.newExtremes(o));
        case 'E' -> list.add(Detectors.rank(Detectors.ewma(o), lo));
        case 'D' -> list.add(Detectors.rank(Detectors.seasonalBaseline(o), lo));
        case 'W' -> list.add(Detectors.rank(Detectors.seasonalBaseline(
            o.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build()), lo));
        case 'C' -> list.add(Detectors.rank(Detectors.contextual(o), lo));
        case 'H' -> list.add(Detectors.rank(Detectors.halfSpaceTrees(o), lo));
        default -> throw new IllegalArgumentException("unknown member '" + c + "' in " + members);
      }
    }
    return Detectors.ensemble(DetectorOptions.defaults(), list, cooldown, trigger);
  }
}
