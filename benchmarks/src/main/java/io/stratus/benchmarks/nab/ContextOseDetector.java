package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A re-implementation of NAB's {@code contextOSE} (Contextual Anomaly Detector, open-source edition, M. Smirnov 2016),
 * written from its published description and source outline, for comparison with our contextual detector. Each value
 * is quantized to {@code 2^3} levels and encoded as 3 facts (bit position and bit value). A <em>context</em> pairs a
 * left semi-context (the previous step's facts plus the ids of the contexts that were active then, as "neuron" facts)
 * with a right semi-context (the current facts). Each step: the zero-level context (all left facts, all current facts)
 * is looked up and stored if new; every stored context whose left semi-context is fully contained in the left facts
 * is <em>selected</em>, and <em>active</em> if its right semi-context is also fully present now; partially matching
 * pairs (intersections) become potential new contexts, stored when a new zero-level context appeared. Raw score =
 * ({@code 1 -} active share of the selected contexts {@code +} share of the potential new contexts that were new) / 2;
 * after a raw score of at least 0.75, the next {@value #REST_PERIOD} scores are reported as 0 (the original's rest
 * period; the first {@value #REST_PERIOD} points report 0 too).
 *
 * <p>Differences from the original, deliberately: the quantization range is the range learned so far (the original
 * uses the whole file's minimum and maximum, i.e. future data); the rest period is a constant 150 points (NAB's
 * wrapper uses its probationary period / 5, which depends on the file's length, 120-150 on these files); ties among
 * active contexts are broken by context id instead of Python's tuple hashes. Like the original, memory grows with
 * the number of distinct contexts (unbounded).
 *
 * <p>{@link #withFileRange} gives the peer exactly what NAB's runner gives the original ({@code inputMin} and
 * {@code inputMax} of the whole file, i.e. future data, and a rest period of the probationary period / 5): values are
 * quantized as the original does, {@code int((value - min) / ((max - min) / 8))} written in binary (at least 3
 * digits; the file's maximum gives 4), one fact per digit position counted from the left. This is the faithful
 * benchmark peer; it is never a candidate of the held-out protocol. Not thread-safe.
 */
final class ContextOseDetector implements StreamingDetector {

  static final int REST_PERIOD = 150;
  private static final double BASE_THRESHOLD = 0.75;
  private static final int BITS = 3;
  private static final int MAX_ACTIVE_NEURONS = 15;
  private static final int MAX_LEFT_SEMI_LENGTH = 7;
  private static final long NEURON_BASE = 1L << 31;

  /** A stored set of facts, with the facts of the current crossing that it contains. */
  private static final class Semi {
    final int id;
    final int size;
    final List<Long> crossed = new ArrayList<>();
    /** For left semi-contexts: right semi-context id to context id, in insertion order. */
    final Map<Integer, Integer> contexts = new LinkedHashMap<>();

    Semi(int id, int size) {
      this.id = id;
      this.size = size;
    }
  }

  private static final class Context {
    int activations;
    boolean zeroLevel;

    Context(boolean zeroLevel) {
      this.zeroLevel = zeroLevel;
    }
  }

  private record Key(long[] facts) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(facts, k.facts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(facts);
    }

    @Override
    public String toString() {
      return Arrays.toString(facts);
    }
  }

  private record Pair(Key left, Key right) {
  }

  @SuppressWarnings("unchecked")
  private final Map<Key, Semi>[] semis = new Map[] {new HashMap<Key, Semi>(), new HashMap<Key, Semi>()};
  @SuppressWarnings("unchecked")
  private final Map<Long, List<Semi>>[] factIndex = new Map[] {new HashMap<Long, List<Semi>>(),
      new HashMap<Long, List<Semi>>()};
  @SuppressWarnings("unchecked")
  private final List<Semi>[] all = new List[] {new ArrayList<Semi>(), new ArrayList<Semi>()};
  @SuppressWarnings("unchecked")
  private final List<Semi>[] crossedSemis = new List[] {new ArrayList<Semi>(), new ArrayList<Semi>()};
  private final List<Context> contexts = new ArrayList<>();
  private int newContextId = -1;
  private long[] leftFacts = new long[0];
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private int sinceHigh;
  /** The file's range given in advance ({@link #withFileRange}), else false: the range learned so far. */
  private final boolean fileRange;
  private final int restPeriod;

  /** The re-implementation with the range learned so far and a rest period of {@value #REST_PERIOD} points. */
  ContextOseDetector() {
    this.fileRange = false;
    this.restPeriod = REST_PERIOD;
  }

  private ContextOseDetector(double inputMin, double inputMax, int restPeriod) {
    this.fileRange = true;
    this.min = inputMin;
    this.max = inputMax;
    this.restPeriod = restPeriod;
  }

  /**
   * The peer as NAB runs the original on a file: its minimum and maximum known in advance, rest period
   * {@code floor(probationaryPeriod / 5)} (the original keeps that many recent raw scores).
   */
  static ContextOseDetector withFileRange(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new ContextOseDetector(lo, hi, NabScorer.probationaryLength(values.length) / 5);
  }

  @Override
  public AnomalyResult update(long epochMillis, double value) {
    long[] facts = fileRange ? fileRangeFacts(value) : learnedRangeFacts(value);
    double raw = step(facts);
    // The original keeps a history starting with 1.0 and reports 0 while any of the last restPeriod raw scores
    // reached the base threshold.
    double score = sinceHigh >= restPeriod ? raw : 0.0;
    sinceHigh = raw >= BASE_THRESHOLD ? 0 : sinceHigh + 1;
    return new AnomalyResult(score, score >= 0.5);
  }

  /** The original's encoding: binary digits of the level (at least 3), one fact (position from the left, digit). */
  private long[] fileRangeFacts(double value) {
    double full = max - min == 0.0 ? MAX_LEFT_SEMI_LENGTH : max - min;
    int level = Math.max(0, (int) ((value - min) / (full / (1 << BITS))));
    int digits = Math.max(BITS, 32 - Integer.numberOfLeadingZeros(level));
    long[] facts = new long[digits];
    for (int i = 0; i < digits; i++) {
      facts[i] = 2L * i + ((level >> (digits - 1 - i)) & 1);
    }
    return facts;
  }

  private long[] learnedRangeFacts(double value) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    double maxLevel = (1 << BITS) - 1.0;
    double range = max - min == 0.0 ? maxLevel : max - min;
    int level = (int) ((value - min) / (range / maxLevel));
    long[] facts = new long[BITS];
    for (int i = 0; i < BITS; i++) {
      facts[i] = 2L * i + ((level >> i) & 1);
    }
    Arrays.sort(facts);
    return facts;
  }

  private double step(long[] current) {
    Set<Pair> uniquePotential = new LinkedHashSet<>();
    boolean newContext = false;
    if (leftFacts.length > 0) {
      Pair zero = new Pair(new Key(leftFacts), new Key(current));
      uniquePotential.add(zero);
      newContext = store(List.of(zero), true) > 0;
    }
    cross(1, current);
    List<int[]> active = new ArrayList<>(); // {context id, activations}
    int selected = 0;
    List<Pair> potential = new ArrayList<>();
    for (Semi left : crossedSemis[0]) {
      for (Map.Entry<Integer, Integer> e : left.contexts.entrySet()) {
        int id = e.getValue();
        if (id == newContextId) {
          continue;
        }
        Context c = contexts.get(id);
        Semi right = all[1].get(e.getKey());
        int rightCrossed = right.crossed.size();
        if (left.size == left.crossed.size()) {
          selected++;
          if (rightCrossed > 0) {
            if (right.size == rightCrossed) {
              c.activations++;
              active.add(new int[] {id, c.activations});
            } else if (c.zeroLevel && newContext && left.crossed.size() <= MAX_LEFT_SEMI_LENGTH) {
              potential.add(new Pair(key(left.crossed), key(right.crossed)));
            }
          }
        } else if (c.zeroLevel && newContext && rightCrossed > 0 && left.crossed.size() <= MAX_LEFT_SEMI_LENGTH) {
          potential.add(new Pair(key(left.crossed), key(right.crossed)));
        }
      }
    }
    newContextId = -1;
    uniquePotential.addAll(potential);
    double activeShare = selected > 0 ? (double) active.size() / selected : 0.0;
    active.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
    Set<Long> next = new java.util.TreeSet<>();
    for (long f : current) {
      next.add(f);
    }
    for (int i = Math.max(0, active.size() - MAX_ACTIVE_NEURONS); i < active.size(); i++) {
      next.add(NEURON_BASE + active.get(i)[0]);
    }
    leftFacts = next.stream().mapToLong(Long::longValue).toArray();
    int added = potential.isEmpty() ? 0 : store(potential, false);
    cross(0, leftFacts);
    added += newContext ? 1 : 0;
    double addedShare = newContext && !uniquePotential.isEmpty() ? (double) added / uniquePotential.size() : 0.0;
    return (1.0 - activeShare + addedShare) / 2.0;
  }

  private static Key key(List<Long> facts) {
    long[] a = new long[facts.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = facts.get(i);
    }
    return new Key(a);
  }

  /** Stores the contexts not yet known; returns how many were new (zero level: 1 or 0, and marks it). */
  private int store(List<Pair> pairs, boolean zeroLevel) {
    int added = 0;
    for (Pair p : pairs) {
      Semi left = semi(0, p.left());
      Semi right = semi(1, p.right());
      Integer id = left.contexts.get(right.id);
      if (id == null) {
        id = contexts.size();
        left.contexts.put(right.id, id);
        contexts.add(new Context(zeroLevel));
        added++;
        if (zeroLevel) {
          newContextId = id;
          return 1;
        }
      } else if (zeroLevel) {
        contexts.get(id).zeroLevel = true;
        return 0;
      }
    }
    return added;
  }

  private Semi semi(int side, Key key) {
    Semi s = semis[side].get(key);
    if (s == null) {
      s = new Semi(all[side].size(), key.facts().length);
      semis[side].put(key, s);
      all[side].add(s);
      for (long f : key.facts()) {
        factIndex[side].computeIfAbsent(f, x -> new ArrayList<>()).add(s);
      }
    }
    return s;
  }

  /** Records, for every stored semi-context of {@code side}, which of {@code facts} it contains. */
  private void cross(int side, long[] facts) {
    for (Semi s : crossedSemis[side]) {
      s.crossed.clear();
    }
    List<Semi> touched = new ArrayList<>();
    for (long f : facts) {
      for (Semi s : factIndex[side].getOrDefault(f, List.of())) {
        if (s.crossed.isEmpty()) {
          touched.add(s);
        }
        s.crossed.add(f);
      }
    }
    touched.sort((a, b) -> Integer.compare(a.id, b.id));
    crossedSemis[side] = touched;
  }
}
