package io.stratus.samples;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.spi.OfferQuery;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The demo's compliance story: each team's placement rule, where its machines ran, and where the rule moved them,
 * i.e. the cheapest on-demand offer for the team's most used machine shape among the simulated regions with the rule
 * and without it, with the price of compliance per machine-hour and an estimate for the run. Not thread-safe.
 */
final class TeamRulesReport {

  /**
   * One team's rule and what it did.
   *
   * @param team the team label
   * @param rule the rule in words
   * @param ranIn machines the team ran per region id, in this run
   * @param cost what the team's machines cost in this run, USD
   * @param shape the team's most used machine shape (the comparison's demand)
   * @param withRule the cheapest compliant placement of that shape
   * @param withoutRule the cheapest placement of that shape with no rule
   */
  record TeamMove(String team, String rule, Map<String, Integer> ranIn, BigDecimal cost, ResourceDemand shape,
      Decision withRule, Decision withoutRule) {

    /** Whether the rule put the shape somewhere else than the unconstrained cheapest offer. */
    boolean moved() {
      return withRule.isPlaced() && withoutRule.isPlaced()
          && !withRule.candidate().orElseThrow().region().id().equals(withoutRule.candidate().orElseThrow().region().id());
    }

    /** Extra price per machine-hour that the rule costs (0 when either side is unplaced). */
    BigDecimal premiumPerHour() {
      if (!withRule.isPlaced() || !withoutRule.isPlaced()) {
        return BigDecimal.ZERO;
      }
      return withRule.hourlyCost().orElseThrow().amount().subtract(withoutRule.hourlyCost().orElseThrow().amount());
    }

    /** Estimated cost of compliance in the run: the team's cost times the premium's share of the compliant price. */
    BigDecimal estimatedRunPremium() {
      if (!withRule.isPlaced() || withRule.hourlyCost().orElseThrow().amount().signum() == 0) {
        return BigDecimal.ZERO;
      }
      return cost.multiply(premiumPerHour())
          .divide(withRule.hourlyCost().orElseThrow().amount(), 2, RoundingMode.HALF_EVEN);
    }
  }

  private TeamRulesReport() {}

  /**
   * Compares, for each team in the usage, the cheapest on-demand placement of its most used shape with and without
   * its rule, among the given regions.
   *
   * @param catalog the price catalog the simulation priced from
   * @param regions the simulated regions
   * @param usage the run's machines
   * @param rules adds a team's rule to a workload labelled with the team
   * @param at when to price
   * @return one entry per team, by team name
   */
  static List<TeamMove> compute(BundledCatalog catalog, Collection<String> regions, List<UsageRecord> usage,
      UnaryOperator<Workload> rules, Instant at) {
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(catalog)
        .offerQuery(OfferQuery.all().withRegionIds(regions)).clock(InstantSource.fixed(at)).build();
    Map<String, InstanceType> types =
        catalog.instanceTypes().stream().collect(Collectors.toMap(InstanceType::id, Function.identity()));
    Map<String, List<UsageRecord>> byTeam = usage.stream()
        .collect(Collectors.groupingBy(u -> u.labels().getOrDefault("team", "(none)"), TreeMap::new,
            Collectors.toList()));
    List<TeamMove> moves = new ArrayList<>();
    byTeam.forEach((team, machines) -> {
      Map<String, Integer> ranIn = new TreeMap<>();
      Map<String, Integer> shapes = new TreeMap<>();
      BigDecimal cost = BigDecimal.ZERO;
      for (UsageRecord u : machines) {
        ranIn.merge(u.regionId(), 1, Integer::sum);
        shapes.merge(u.instanceTypeId(), 1, Integer::sum);
        cost = cost.add(u.cost());
      }
      String common = shapes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      InstanceType type = types.get(common);
      ResourceDemand shape = type == null ? ResourceDemand.of(4, 16) : ResourceDemand.of(type.vcpus(), type.memoryGib());
      Workload free = Workload.builder(team + "-typical").label("team", team).demand(shape)
          .cost(CostConstraints.builder().spotAllowed(false).commitmentsAllowed(false).build()).build();
      Workload ruled = rules.apply(free);
      moves.add(new TeamMove(team, describe(ruled.compliance()), ranIn, cost, shape, scheduler.schedule(ruled),
          scheduler.schedule(free)));
    });
    return List.copyOf(moves);
  }

  /**
   * Prints the comparison.
   *
   * @param moves what {@link #compute} found
   * @param out where to print
   */
  static void print(List<TeamMove> moves, PrintStream out) {
    out.println("Team rules and where they moved placements (cheapest on-demand offer in the simulated regions for"
        + " the team's most used machine shape, with the rule vs without):");
    for (TeamMove m : moves) {
      out.printf(Locale.ROOT, "  %-9s rule: %s%n", m.team(), m.rule());
      out.printf(Locale.ROOT, "            ran: %s; $%s%n", m.ranIn().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
          .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")), money(m.cost()));
      out.printf(Locale.ROOT, "            %s vCPU / %s GiB with the rule: %s%n", trim(m.shape().vcpus()),
          trim(m.shape().memoryGib()), where(m.withRule()));
      out.printf(Locale.ROOT, "            %s vCPU / %s GiB without it:   %s%n", trim(m.shape().vcpus()),
          trim(m.shape().memoryGib()), where(m.withoutRule()));
      if (m.moved()) {
        out.printf(Locale.ROOT, "            -> moved by the rule: +$%s per machine-hour; compliance cost about $%s"
            + " of the team's $%s%n", m.premiumPerHour().setScale(4, RoundingMode.HALF_EVEN)
            .toPlainString(), money(m.estimatedRunPremium()), money(m.cost()));
      } else {
        out.println("            -> not moved: the cheapest offer already complies");
      }
    }
  }

  /**
   * A rule in words, e.g. {@code jurisdiction EU} or {@code provider azure + certification FEDRAMP_HIGH}.
   *
   * @param c the requirements
   * @return the words; {@code none} without any rule
   */
  static String describe(ComplianceRequirements c) {
    List<String> parts = new ArrayList<>();
    if (!c.allowedJurisdictions().isEmpty()) {
      parts.add("jurisdiction " + c.allowedJurisdictions().stream().map(Object::toString).sorted()
          .collect(Collectors.joining("/")) + " only");
    }
    if (!c.allowedCountries().isEmpty()) {
      parts.add("country " + c.allowedCountries().stream().sorted().collect(Collectors.joining("/")) + " only");
    }
    if (!c.allowedRegions().isEmpty()) {
      parts.add("regions " + c.allowedRegions().stream().sorted().collect(Collectors.joining("/")) + " only");
    }
    if (!c.allowedProviders().isEmpty()) {
      parts.add(c.allowedProviders().stream().map(Object::toString).map(s -> s.toUpperCase(Locale.ROOT)).sorted()
          .collect(Collectors.joining("/")) + " only");
    }
    if (!c.deniedProviders().isEmpty()) {
      parts.add("not " + c.deniedProviders().stream().map(Object::toString).sorted().collect(Collectors.joining("/")));
    }
    if (!c.requiredCertifications().isEmpty()) {
      parts.add("certified " + String.join(" + ", new TreeSet<>(c.requiredCertifications())));
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String where(Decision d) {
    if (!d.isPlaced()) {
      return "unschedulable (" + String.join("; ", d.reasons()) + ")";
    }
    Candidate c = d.candidate().orElseThrow();
    Money price = d.hourlyCost().orElseThrow();
    return c.instanceType().name() + " in " + c.region().id() + " [" + c.region().displayName() + "] $"
        + price.amount().setScale(4, RoundingMode.HALF_EVEN).toPlainString() + "/h";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String money(BigDecimal v) {
    return String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
  }
}
