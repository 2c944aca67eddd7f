package io.stratus.finops.attribution;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Attributes cost to owners: shared-cost rules first (their records are split among owners), then the ordered
 * attribution rules (the first matching rule decides), and whatever no rule matches lands in
 * {@link Owner#UNALLOCATED}. {@link #explain} tells, per record, which rule decided.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Attributor {
  private static final String NONE = "(none)";

  private final List<AttributionRule> rules;
  private final List<SharedCostRule> sharedRules;
  private final Owner defaults;

  private Attributor(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.sharedRules = List.copyOf(b.sharedRules);
    this.defaults = b.defaults;
  }

  /**
   * A builder with no rules and default owner parts {@code unspecified}.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Explains one record.
   *
   * @param record the record; never null
   * @param sourceId its source id (for rules on {@code Dimension.SOURCE}); may be null
   * @return the attribution; never null
   */
  public Attribution explain(CostRecord record, String sourceId) {
    Objects.requireNonNull(record, "record");
    for (SharedCostRule s : sharedRules) {
      if (s.matches(record, sourceId)) {
        return new Attribution(
            s.owners(), s.name(), true, "shared rule " + s.name() + ": split " + s.method() + " over " + s.owners());
      }
    }
    for (AttributionRule r : rules) {
      Owner o = r.apply(record, sourceId, defaults);
      if (o != null) {
        return new Attribution(
            List.of(o), r.name(), false,
            "rule " + r.name() + ": " + r.dimension() + " = '" + r.dimension().valueOf(record, sourceId) + "'");
      }
    }
    return new Attribution(List.of(Owner.UNALLOCATED), NONE, false, "no rule matched: unallocated");
  }

  /**
   * Attributes a collection of records.
   *
   * @param records the records; never null
   * @param metric which cost is attributed; never null
   * @return the report; never null
   */
  public AttributionReport attribute(Collection<CostRecord> records, CostMetric metric) {
    Objects.requireNonNull(records, "records");
    return attribute(visitor -> records.forEach(r -> visitor.accept(null, r)), metric);
  }

  /**
   * Attributes the records of a store that pass a query's filters and time range (reads the store twice).
   *
   * @param store the store; never null
   * @param filter which records; never null
   * @param metric which cost is attributed; never null
   * @return the report; never null
   */
  public AttributionReport attribute(CostStore store, CostQuery filter, CostMetric metric) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(filter, "filter");
    return attribute(visitor -> store.scan(filter, visitor::accept), metric);
  }

  private AttributionReport attribute(Consumer<BiConsumer<String, CostRecord>> source, CostMetric metric) {
    Tally tally = tally(metric);
    source.accept(tally::add);
    return report(List.of(tally));
  }

  /**
   * An empty tally of this attributor's rules, for attributing records in parts (e.g. one per Spark task) and
   * reporting them together with {@link #report}: the report equals {@link #attribute(Collection, CostMetric)} over
   * all the parts' records (amounts are summed exactly, so the order of parts does not matter).
   *
   * @param metric which cost is attributed; never null
   * @return a new tally; never null
   */
  public Tally tally(CostMetric metric) {
    return new Tally(this, Objects.requireNonNull(metric, "metric"), sharedRules.size());
  }

  /**
   * The report of tallies of this attributor (or of one with the same rules): their amounts merged, then the shared
   * costs split among owners.
   *
   * @param tallies the tallies, at least one, all of the same metric; never null
   * @return the report; never null
   * @throws IllegalArgumentException if there is no tally, their metrics differ or a tally was made with a different
   *     number of shared rules
   */
  public AttributionReport report(Collection<Tally> tallies) {
    Objects.requireNonNull(tallies, "tallies");
    if (tallies.isEmpty()) {
      throw new IllegalArgumentException("attributor.report needs at least one tally, got none");
    }
    Tally all = null;
    for (Tally t : tallies) {
      if (t.shared.size() != sharedRules.size()) {
        throw new IllegalArgumentException("attributor.report: a tally has " + t.shared.size()
            + " shared rules, this attributor " + sharedRules.size() + "; use an attributor with the same rules");
      }
      if (all == null) {
        all = new Tally(this, t.metric, sharedRules.size());
      } else if (all.metric != t.metric) {
        throw new IllegalArgumentException(
            "attributor.report: tallies of one metric only, got " + all.metric + " and " + t.metric);
      }
      all.merge(t);
    }
    Map<String, Map<Owner, BigDecimal>> byOwner = new TreeMap<>(all.byOwner);
    List<AttributionReport.SharedSplit> splits = new ArrayList<>();
    // measures are the direct amounts, taken before any shared cost is added
    Map<String, Map<Owner, BigDecimal>> direct = new HashMap<>();
    byOwner.forEach((k, v) -> direct.put(k, new HashMap<>(v)));
    for (int i = 0; i < sharedRules.size(); i++) {
      SharedCostRule rule = sharedRules.get(i);
      for (Map.Entry<String, BigDecimal> e : all.shared.get(i).entrySet()) {
        String cur = e.getKey();
        Map<Owner, BigDecimal> measure =
            rule.method() == SharedCostRule.Method.PROPORTIONAL_USAGE
                ? all.usage.getOrDefault(cur, new HashMap<>())
                : direct.getOrDefault(cur, Map.of());
        Map<Owner, BigDecimal> shares = rule.divide(e.getValue(), measure);
        Map<Owner, BigDecimal> owners = byOwner.computeIfAbsent(cur, k -> new LinkedHashMap<>());
        shares.forEach((o, a) -> owners.merge(o, a, BigDecimal::add));
        splits.add(new AttributionReport.SharedSplit(rule.name(), cur, e.getValue(), shares));
      }
    }
    return new AttributionReport(byOwner, all.totals, all.byRule, splits);
  }

  /**
   * The amounts of a part of the records, per currency and owner, per shared rule and per deciding rule, before the
   * shared costs are split (see {@link Attributor#tally}). Serializable, so that parts computed apart (Spark tasks)
   * can be sent to where they are reported; a deserialized tally can be reported but not added to.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Attributor attributor;
    private final CostMetric metric;
    private final TreeMap<String, LinkedHashMap<Owner, BigDecimal>> byOwner = new TreeMap<>();
    private final TreeMap<String, BigDecimal> totals = new TreeMap<>();
    private final TreeMap<String, Long> byRule = new TreeMap<>();
    private final HashMap<String, HashMap<Owner, BigDecimal>> usage = new HashMap<>();
    /** Per shared rule index, the amounts per currency that the rule matched. */
    private final ArrayList<TreeMap<String, BigDecimal>> shared = new ArrayList<>();

    private Tally(Attributor attributor, CostMetric metric, int sharedRules) {
      this.attributor = attributor;
      this.metric = metric;
      for (int i = 0; i < sharedRules; i++) {
        shared.add(new TreeMap<>());
      }
    }

    /**
     * Adds one record.
     *
     * @param sourceId its source id (for rules on {@code Dimension.SOURCE}); may be null
     * @param r the record; never null
     * @throws IllegalStateException if this tally was deserialized (it no longer has its rules)
     */
    public void add(String sourceId, CostRecord r) {
      if (attributor == null) {
        throw new IllegalStateException("attributor.tally: a deserialized tally can be reported but not added to");
      }
      String cur = r.billingCurrency().getCurrencyCode();
      BigDecimal amount = metric.valueOf(r);
      totals.merge(cur, amount, BigDecimal::add);
      List<SharedCostRule> sharedRules = attributor.sharedRules;
      for (int i = 0; i < sharedRules.size(); i++) {
        if (sharedRules.get(i).matches(r, sourceId)) {
          shared.get(i).merge(cur, amount, BigDecimal::add);
          byRule.merge(sharedRules.get(i).name(), 1L, Long::sum);
          return;
        }
      }
      Owner owner = Owner.UNALLOCATED;
      String rule = NONE;
      for (AttributionRule ar : attributor.rules) {
        Owner o = ar.apply(r, sourceId, attributor.defaults);
        if (o != null) {
          owner = o;
          rule = ar.name();
          break;
        }
      }
      byRule.merge(rule, 1L, Long::sum);
      byOwner.computeIfAbsent(cur, k -> new LinkedHashMap<>()).merge(owner, amount, BigDecimal::add);
      if (r.consumedQuantity() != null) {
        usage.computeIfAbsent(cur, k -> new HashMap<>()).merge(owner, r.consumedQuantity(), BigDecimal::add);
      }
    }

    private void merge(Tally t) {
      t.byOwner.forEach((cur, m) -> {
        Map<Owner, BigDecimal> into = byOwner.computeIfAbsent(cur, k -> new LinkedHashMap<>());
        m.forEach((o, a) -> into.merge(o, a, BigDecimal::add));
      });
      t.totals.forEach((cur, a) -> totals.merge(cur, a, BigDecimal::add));
      t.byRule.forEach((rule, n) -> byRule.merge(rule, n, Long::sum));
      t.usage.forEach((cur, m) -> {
        Map<Owner, BigDecimal> into = usage.computeIfAbsent(cur, k -> new HashMap<>());
        m.forEach((o, a) -> into.merge(o, a, BigDecimal::add));
      });
      for (int i = 0; i < shared.size(); i++) {
        TreeMap<String, BigDecimal> into = shared.get(i);
        t.shared.get(i).forEach((cur, a) -> into.merge(cur, a, BigDecimal::add));
      }
    }
  }

  /**
   * Collects an {@link Attributor}.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<AttributionRule> rules = new ArrayList<>();
    private final List<SharedCostRule> sharedRules = new ArrayList<>();
    private Owner defaults = new Owner("unspecified", "unspecified", "unspecified");

    private Builder() {}

    /**
     * Appends an ordered rule (earlier rules win).
     *
     * @param rule the rule; never null
     * @return this builder
     * @throws IllegalArgumentException if a rule of that name exists
     */
    public Builder rule(AttributionRule rule) {
      Objects.requireNonNull(rule, "rule");
      for (AttributionRule r : rules) {
        if (r.name().equals(rule.name())) {
          throw new IllegalArgumentException("rule names must be unique, got '" + rule.name() + "' twice");
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * Appends a shared-cost rule (applied before ordinary rules, earlier ones win).
     *
     * @param rule the rule; never null
     * @return this builder
     */
    public Builder shared(SharedCostRule rule) {
      sharedRules.add(Objects.requireNonNull(rule, "shared rule"));
      return this;
    }

    /**
     * The owner parts used where a rule leaves team, project or cost centre unset.
     *
     * @param defaults the defaults; never null
     * @return this builder
     */
    public Builder defaults(Owner defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /**
     * Builds.
     *
     * @return the attributor; never null
     */
    public Attributor build() {
      return new Attributor(this);
    }
  }
}
