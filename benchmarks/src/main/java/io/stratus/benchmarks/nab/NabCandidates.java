package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The candidate detector configurations among which the leave-one-category-out protocol chooses, built only from the
 * library's public factories ({@code default} is the shipped {@code Detectors.ensemble()} itself; names starting with
 * {@code baseline-} are shown for comparison but never chosen). Names spell the configuration: members ({@code e} EWMA, {@code d} hour-of-day and
 * {@code w} hour-of-week seasonal baselines, {@code c} contextual novelty (8 levels, depth 6; a leading {@code C16}:
 * 16 levels, {@code C4}: depth 4, {@code Cs}: 4 levels depth 10; {@code L3C} / {@code L10C}: the rank of the
 * contextual detector's likelihood over 3 or 10 points, i.e. of its short-term mean), {@code h} half-space trees, each wrapped in
 * the likelihood stage; {@code x} new extremes, raw; upper case: the same members wrapped in the rank stage instead), then {@code a}
 * averaging, {@code L} likelihood span, {@code R} rank span,
 * {@code cd} alert cooldown in points and {@code t} the score (in hundredths) that starts a cooldown.
 */
final class NabCandidates {

  private NabCandidates() {
  }

  /** Memory of the conformal nearest-neighbour candidates ({@code k}, {@code K}). */
  private static final DetectorOptions KNN = DetectorOptions.builder().window(384).build();

  static Map<String, Supplier<StreamingDetector>> all() {
    Map<String, Supplier<StreamingDetector>> m = new LinkedHashMap<>();
    DetectorOptions old = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    m.put("baseline-previousDefault", () -> Detectors.ensemble(old, List.of(
        Detectors.seasonalBaseline(old.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_DAY).build()),
        Detectors.seasonalBaseline(old.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build()),
        Detectors.ewma(old))));
    // Every configuration explored while developing the default (rounds 2-4 in benchmarks/results/anomaly.md), so
    // that the nested protocol accounts for the whole search. The default is first: on a tie it is kept.
    m.put("default", Detectors::ensemble);
    for (String members : List.of("edwx", "cx", "edwcx", "edwchx")) {
      m.put(members + "-a10-L2000", () -> candidate(members, 2000, 0, 0.9));
    }
    for (String members : List.of("EDW", "EDWx", "EDWC", "EDWCx", "ECx", "CDWx", "CHx", "C4x", "C16x", "CsCx",
        "L3Cx", "L10Cx")) {
      for (int span : new int[] {1000, 2000}) {
        m.put(members + "-R" + span, () -> candidate(members, span, 0, 0.9));
      }
    }
    for (int span : new int[] {1500, 4000, 8000}) {
      m.put("Cx-R" + span, () -> candidate("Cx", span, 0, 0.9));
    }
    m.put("Cx-R1000", () -> candidate("Cx", 1000, 0, 0.9));
    for (int cooldown : new int[] {128, 512}) {
      m.put("Cx-R2000-cd" + cooldown + "t90", () -> candidate("Cx", 2000, cooldown, 0.9));
      m.put("ECx-R2000-cd" + cooldown + "t90", () -> candidate("ECx", 2000, cooldown, 0.9));
    }
    for (String spec : List.of("C2+x+D8+W8", "C2+x+D8", "C2+x+E8", "C2+x+D32+W32", "C2+x+D16", "C2+x+E32")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 6: the adaptive-resonance detector alone and added to the default's members.
    for (String spec : List.of("r2", "r4", "r7", "C2+x+D8+r2", "C2+x+D8+r4", "C2+x+D8+r7", "C2+x+D8+A8",
        "C2+x+D8+r1", "C2+x+D8+r3", "C2+x+D8+r2+r6", "C2+x+r2", "x+D8+r2", "C2+D8+r2", "C2+x+D8+q2",
        "C2+x+D8+E8+r2", "x+r2", "x+D4+r2", "x+D16+r2", "x+D8+W8+r2", "x+E8+r2", "x+D8+C8+r2", "x+D8+C32+r2",
        "x+D8+r2+r4", "x+D4+C8+r2", "x+D4+C32+r2", "x+D2+r2")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 7: conformal nearest neighbours (KNN-CAD, NAB's knncad parameters: patterns of 19 values, 27 neighbours;
    // memory 384 points, about NAB's probation period), alone and added to the default's members, raw and ranked.
    for (String spec : List.of("k", "K8", "x+D4+C8+r2+k", "x+D4+C8+r2+K8")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 8: Robust Random Cut Forest (shingles of 4, 32 trees of 256 shingles), raw and ranked, alone, added to
    // and replacing members of the default; and the mean instead of the maximum as the ensemble rule.
    for (String spec : List.of("f", "F8", "x+F8", "x+D4+C8+r2+F8", "x+D4+F8+r2", "x+D4+C8+r2+f",
        "M:x+D4+C8+r2", "M:x+D4+C8+r2+F8", "M:D4+C8+F8")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 8: our re-implementation of NAB's contextOSE (ContextOseDetector), alone, ranked, in place of our
    // contextual member and added to the default's members.
    for (String spec : List.of("o", "O8", "x+D4+O8+r2", "x+D4+C8+r2+o")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 9: the default's members plus a small random cut forest (4 trees x 64 shingles, admission 1/64, sized
    // by speed only) scored only where the members' maximum reaches the gate (Detectors.cascade), ranked over the
    // points where it was scored.
    for (String spec : List.of("x+D4+C8+r2+G8g50", "x+D4+C8+r2+G8g70")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 10: the default's members with an alert cooldown (chosen among three lengths by the protocol), round 8's
    // forest candidate with a cooldown, and the round-9 cascade whose confirmer is ranked over a span of gated points.
    for (String spec : List.of("x+D4+C8+r2-cd128", "x+D4+C8+r2-cd512", "x+D4+C8+r2-cd2048",
        "x+D4+C8+r2+F8-cd512", "x+D4+C8+r2+Gs256g50")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 11: the shipped cascade with re-arming instead of a cooldown (quiet run of 8 or 32 points below 0.50 or
    // 0.80 after an alert at the library's alert point), mapped as the library maps it.
    for (String spec : List.of("x+D4+C8+r2+Gs256g50-ra8l50", "x+D4+C8+r2+Gs256g50-ra32l50",
        "x+D4+C8+r2+Gs256g50-ra8l80", "x+D4+C8+r2+Gs256g50-ra32l80")) {
      m.put(spec, () -> mixed(spec));
    }
    // Round 12: the shipped cascade with its confirmer gated lower (the forest scores more points), and the shipped
    // default whose re-arm run also completes after 8 quiet hours (whichever comes first).
    for (String spec : List.of("x+D4+C8+r2+Gs256g40-ra8l50", "x+D4+C8+r2+Gs256g30-ra8l50",
        "x+D4+C8+r2+Gs256g50-ra8l50h8")) {
      m.put(spec, () -> mixed(spec));
    }
    return m;
  }

  /** Trees, shingles per tree and sampling horizon (in sample sizes) of the round-9 cascade forest ({@code G}). */
  static final int CASCADE_TREES = 4;
  static final int CASCADE_SAMPLE = 64;
  static final int CASCADE_HORIZON = 64;

  /**
   * A mix with one rank span per member: {@code +}-separated tokens, each a member letter (as in the class
   * documentation, upper case; {@code A}: adaptive resonance, block 4) followed by its rank span in thousands of
   * points; {@code x} is the raw new-extreme detector and {@code r<step>} the raw adaptive-resonance detector with
   * downsampling block {@code step}; {@code k} is the raw conformal nearest-neighbour detector ({@code K}: ranked);
   * {@code f} the raw Robust Random Cut Forest ({@code F}: ranked); {@code o} the contextOSE re-implementation
   * ({@code O}: ranked); {@code G<span>g<gate>} the round-9 cascade forest, ranked, scored only where the other
   * members' maximum reaches {@code gate} hundredths ({@link Detectors#cascade}); {@code Gs<span>g<gate>}: the same
   * with a rank span of {@code span} gated points and a warm-up of 16. Members are combined by their maximum, or by
   * their mean when the spec starts with {@code M:}; a suffix {@code -cd<points>} adds an alert cooldown of that many
   * points started by the combined score {@value #COOLDOWN_ALERT_POINT}; a suffix {@code -ra<points>l<level>} (cascades
   * only) re-arms after an alert only once the combined score has stayed below {@code level} hundredths for that many
   * points ({@link Detectors#cascade(DetectorOptions, List, List, double, double, double, int)}), with the library's
   * alert point {@value #REARM_ALERT_POINT} mapped onto 0.5; {@code -ra<points>l<level>h<hours>} also completes the
   * quiet run after that many quiet hours ({@link Detectors#cascade(DetectorOptions, List, List, double, double,
   * double, int, Duration)}).
   */
  static StreamingDetector mixed(String spec) {
    DetectorOptions o = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    List<StreamingDetector> list = new ArrayList<>();
    List<StreamingDetector> confirmers = new ArrayList<>();
    double gate = 1.0;
    int cooldown = 0;
    int rearmPoints = 0;
    double rearmLevel = 0.0;
    int rearmHours = 0;
    int ra = spec.indexOf("-ra");
    if (ra >= 0) {
      int l = spec.indexOf('l', ra);
      int h = spec.indexOf('h', l);
      rearmPoints = Integer.parseInt(spec.substring(ra + 3, l));
      rearmLevel = Integer.parseInt(spec.substring(l + 1, h < 0 ? spec.length() : h)) / 100.0;
      rearmHours = h < 0 ? 0 : Integer.parseInt(spec.substring(h + 1));
      spec = spec.substring(0, ra);
    }
    int cd = spec.indexOf("-cd");
    if (cd >= 0) {
      cooldown = Integer.parseInt(spec.substring(cd + 3));
      spec = spec.substring(0, cd);
    }
    boolean mean = spec.startsWith("M:");
    for (String token : (mean ? spec.substring(2) : spec).split("\\+")) {
      if (token.startsWith("G")) {
        int g = token.indexOf('g');
        DetectorOptions lo = token.startsWith("Gs")
            ? DetectorOptions.builder().window(Integer.parseInt(token.substring(2, g))).warmUp(16).build()
            : DetectorOptions.builder().window(Integer.parseInt(token.substring(1, g)) * 1000).warmUp(64).build();
        confirmers.add(Detectors.rank(Detectors.randomCutForest(o, 4, CASCADE_TREES, CASCADE_SAMPLE,
            CASCADE_HORIZON), lo));
        gate = Integer.parseInt(token.substring(g + 1)) / 100.0;
        continue;
      }
      if (token.equals("x")) {
        list.add(Detectors.newExtremes(o));
        continue;
      }
      if (token.equals("o")) {
        list.add(new ContextOseDetector());
        continue;
      }
      if (token.equals("f")) {
        list.add(Detectors.randomCutForest(o));
        continue;
      }
      if (token.equals("k")) {
        list.add(Detectors.nearestNeighbours(KNN, 19, 27));
        continue;
      }
      if (token.startsWith("q")) {
        StreamingDetector art = Detectors.adaptiveResonance(o, Integer.parseInt(token.substring(1)));
        list.add((t, v) -> {
          double a = art.update(t, v).score();
          return new AnomalyResult(a > 0.0 ? 1.0 : 0.0, a > 0.0);
        });
        continue;
      }
      if (token.startsWith("r")) {
        list.add(Detectors.adaptiveResonance(o, Integer.parseInt(token.substring(1))));
        continue;
      }
      DetectorOptions lo = DetectorOptions.builder().window(Integer.parseInt(token.substring(1)) * 1000).warmUp(64)
          .build();
      StreamingDetector raw = switch (token.charAt(0)) {
        case 'C' -> Detectors.contextual(o);
        case 'E' -> Detectors.ewma(o);
        case 'D' -> Detectors.seasonalBaseline(o);
        case 'W' -> Detectors.seasonalBaseline(o.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK)
            .build());
        case 'A' -> Detectors.adaptiveResonance(o);
        case 'K' -> Detectors.nearestNeighbours(KNN, 19, 27);
        case 'F' -> Detectors.randomCutForest(o);
        case 'O' -> new ContextOseDetector();
        default -> throw new IllegalArgumentException("unknown member '" + token + "' in " + spec);
      };
      list.add(Detectors.rank(raw, lo));
    }
    if (mean) {
      return (t, v) -> {
        double sum = 0.0;
        for (StreamingDetector d : list) {
          sum += d.update(t, v).score();
        }
        double score = sum / list.size();
        return new AnomalyResult(score, score >= 0.5);
      };
    }
    if (!confirmers.isEmpty()) {
      if (cooldown > 0) {
        throw new IllegalArgumentException("a cascade takes no cooldown: " + spec);
      }
      if (rearmHours > 0) {
        return Detectors.cascade(DetectorOptions.defaults(), list, confirmers, gate, REARM_ALERT_POINT, rearmLevel,
            rearmPoints, Duration.ofHours(rearmHours));
      }
      if (rearmPoints > 0) {
        return Detectors.cascade(DetectorOptions.defaults(), list, confirmers, gate, REARM_ALERT_POINT, rearmLevel,
            rearmPoints);
      }
      return Detectors.cascade(DetectorOptions.defaults(), list, confirmers, gate, 0.9);
    }
    if (rearmPoints > 0) {
      throw new IllegalArgumentException("re-arming needs a cascade: " + spec);
    }
    if (cooldown > 0) {
      return Detectors.ensemble(DetectorOptions.defaults(), list, cooldown, COOLDOWN_ALERT_POINT);
    }
    return Detectors.ensemble(DetectorOptions.defaults(), list, 0, 0.9);
  }

  /** The combined score that starts a round-10 cooldown ({@code -cd}): the round-9 default ensemble's alert point. */
  static final double COOLDOWN_ALERT_POINT = 0.877;

  /**
   * The combined score that disarms a round-11 re-arming cascade ({@code -ra}) and is mapped onto 0.5: the library's
   * alert point of {@code Detectors.ensemble()} (package-private {@code Detectors.DEFAULT_ALERT_POINT}).
   */
  static final double REARM_ALERT_POINT = 0.8767;

  static StreamingDetector candidate(String members, int span, int cooldown, double trigger) {
    int averaging = 10;
    DetectorOptions o = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    DetectorOptions lo = DetectorOptions.builder().window(span).warmUp(64).build();
    List<StreamingDetector> list = new ArrayList<>();
    if (members.startsWith("L")) {
      int a = members.startsWith("L10") ? 10 : 3;
      list.add(Detectors.rank(Detectors.likelihood(Detectors.contextual(o), a, lo), lo));
      members = members.substring(members.indexOf('C') + 1);
    } else if (members.startsWith("C16")) {
      list.add(Detectors.rank(Detectors.contextual(o, 16, 6), lo));
      members = members.substring(3);
    } else if (members.startsWith("C4")) {
      list.add(Detectors.rank(Detectors.contextual(o, 8, 4), lo));
      members = members.substring(2);
    } else if (members.startsWith("Cs")) {
      list.add(Detectors.rank(Detectors.contextual(o, 4, 10), lo));
      members = members.substring(2);
    }
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
