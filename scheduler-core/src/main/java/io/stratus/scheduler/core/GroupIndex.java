package io.stratus.scheduler.core;

import io.stratus.model.CloudProvider;
import io.stratus.model.PlacementGroup;
import io.stratus.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The placement groups of one batch as indices for {@link BatchSearch}, and the reasons given to members the search
 * could not place because of their group's rules. Immutable after construction.
 */
final class GroupIndex {
  private static final int MAX_DOMAINS_SHOWN = 8;

  private final List<PlacementGroup> groups;
  private final int[] itemGroup;
  private final BatchSearch.Groups search;
  /** The spread constraints, in the search's spread order. */
  private final List<PlacementGroup.Spread> spreads;

  /** The providers, by provider domain index. */
  private final List<CloudProvider> providers;

  private GroupIndex(List<PlacementGroup> groups, int[] itemGroup, BatchSearch.Groups search,
      List<PlacementGroup.Spread> spreads, List<CloudProvider> providers) {
    this.providers = providers;
    this.groups = groups;
    this.itemGroup = itemGroup;
    this.search = search;
    this.spreads = spreads;
  }

  /**
   * Indexes the groups of the workloads (whose groups are checked consistent by name) over the kept candidates.
   *
   * @param kept the candidate index of each bin type
   */
  static GroupIndex of(List<Workload> workloads, Snapshot s, List<Integer> kept) {
    int n = workloads.size();
    Map<String, Integer> byName = new LinkedHashMap<>();
    List<PlacementGroup> groups = new ArrayList<>();
    int[] itemGroup = new int[n];
    for (int k = 0; k < n; k++) {
      PlacementGroup g = workloads.get(k).placementGroup().orElse(null);
      if (g == null) {
        itemGroup[k] = -1;
        continue;
      }
      Integer index = byName.putIfAbsent(g.name(), groups.size());
      if (index == null) {
        index = groups.size();
        groups.add(g);
      }
      itemGroup[k] = index;
    }
    if (groups.isEmpty()) {
      return new GroupIndex(groups, itemGroup, BatchSearch.Groups.NONE, List.of(), List.of());
    }
    int[] maxPerBin = new int[groups.size()];
    int[][] groupSpreads = new int[groups.size()][];
    List<PlacementGroup.Spread> spreads = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      PlacementGroup group = groups.get(g);
      maxPerBin[g] = group.maxPerMachine();
      groupSpreads[g] = new int[group.spread().size()];
      for (int x = 0; x < group.spread().size(); x++) {
        groupSpreads[g][x] = spreads.size();
        spreads.add(group.spread().get(x));
      }
    }
    int m = spreads.size();
    int[] topology = new int[m];
    int[] maxSkew = new int[m];
    boolean[] hard = new boolean[m];
    for (int x = 0; x < m; x++) {
      topology[x] = spreads.get(x).topology().ordinal();
      maxSkew[x] = spreads.get(x).maxSkew();
      hard[x] = spreads.get(x).isHard();
    }
    Map<CloudProvider, Integer> providerIndex = new LinkedHashMap<>();
    int[] regionProvider = new int[s.regions.length];
    for (int r = 0; r < s.regions.length; r++) {
      Integer p = providerIndex.putIfAbsent(s.regions[r].provider(), providerIndex.size());
      regionProvider[r] = p == null ? providerIndex.size() - 1 : p;
    }
    int types = kept.size();
    int[][] typeDomain = new int[PlacementGroup.Topology.values().length][types];
    for (int t = 0; t < types; t++) {
      int i = kept.get(t);
      typeDomain[PlacementGroup.Topology.REGION.ordinal()][t] = s.regionOf[i];
      typeDomain[PlacementGroup.Topology.PROVIDER.ordinal()][t] = regionProvider[s.regionOf[i]];
    }
    int[] domains = new int[PlacementGroup.Topology.values().length];
    domains[PlacementGroup.Topology.REGION.ordinal()] = s.regions.length;
    domains[PlacementGroup.Topology.PROVIDER.ordinal()] = providerIndex.size();
    BatchSearch.Groups index = new BatchSearch.Groups(itemGroup, maxPerBin, groupSpreads, topology, maxSkew, hard,
        typeDomain, domains);
    return new GroupIndex(List.copyOf(groups), itemGroup, index, List.copyOf(spreads),
        List.copyOf(providerIndex.keySet()));
  }

  BatchSearch.Groups search() {
    return search;
  }

  /**
   * Why the search left item k unplaced because of its group's rules (which group, which rule, the member counts),
   * or empty if its group is not the reason. The search must hold its best plan.
   */
  Optional<String> reason(BatchSearch searchState, int k, Snapshot s) {
    if (itemGroup[k] < 0) {
      return Optional.empty();
    }
    int rule = searchState.blockingRule(k);
    PlacementGroup g = groups.get(itemGroup[k]);
    if (rule == -1) {
      return Optional.of("placement group '" + g.name() + "': maxPerMachine " + g.maxPerMachine() + " — every"
          + " running machine that could hold it already holds " + g.maxPerMachine() + " member"
          + (g.maxPerMachine() == 1 ? "" : "s") + " of the group, and no offer holds it");
    }
    if (rule < 0) {
      return Optional.empty();
    }
    PlacementGroup.Spread spread = spreads.get(rule);
    int[] counts = searchState.spreadCounts(rule);
    int[] eligible = searchState.eligibleDomains(rule);
    int min = Integer.MAX_VALUE;
    for (int d : eligible) {
      min = Math.min(min, counts[d]);
    }
    StringJoiner shown = new StringJoiner(", ");
    int listed = 0;
    for (int d : eligible) {
      if (listed++ < MAX_DOMAINS_SHOWN) {
        shown.add(domainName(spread.topology(), d, s) + "=" + counts[d]);
      }
    }
    String more = eligible.length > MAX_DOMAINS_SHOWN ? ", ..." : "";
    String domain = spread.topology().name().toLowerCase(java.util.Locale.ROOT);
    return Optional.of("placement group '" + g.name() + "': spread over " + domain + " with maxSkew " + spread.maxSkew() + " ("
        + spread.whenUnsatisfiable() + ") — every " + domain + " that could hold it already has " + spread.maxSkew()
        + " more member" + (spread.maxSkew() == 1 ? "" : "s") + " than the least-used eligible " + domain + " ("
        + (min == Integer.MAX_VALUE ? 0 : min) + "); members per " + domain + ": " + shown + more);
  }

  private String domainName(PlacementGroup.Topology topology, int d, Snapshot s) {
    return topology == PlacementGroup.Topology.REGION ? s.regions[d].id() : providers.get(d).id();
  }
}
