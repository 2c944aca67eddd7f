package io.stratus.scheduler.catalog;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parsed catalog with its offers indexed by provider, region and instance type. Immutable and thread-safe once
 * built.
 */
final class CatalogData {
  private final List<Region> regions;
  private final List<InstanceType> instanceTypes;
  private final List<Offer> offers;
  private final Set<CloudProvider> providers;
  private final Map<CloudProvider, List<Offer>> byProvider;
  private final Map<String, List<Offer>> byRegion;
  private final Map<String, List<Offer>> byInstanceType;
  private final Map<String, Integer> skipped;

  CatalogData(
      List<Region> regions, List<InstanceType> instanceTypes, List<Offer> offers, Map<String, Integer> skipped) {
    this.regions = List.copyOf(regions);
    this.instanceTypes = List.copyOf(instanceTypes);
    this.offers = List.copyOf(offers);
    this.skipped = Map.copyOf(new TreeMap<>(skipped));
    // Offers share their Region and InstanceType objects, so identity maps index them without hashing records.
    Map<CloudProvider, List<Offer>> p = new HashMap<>();
    Map<Region, List<Offer>> r = new IdentityHashMap<>();
    Map<InstanceType, List<Offer>> t = new IdentityHashMap<>();
    for (Offer o : this.offers) {
      p.computeIfAbsent(o.region().provider(), k -> new ArrayList<>()).add(o);
      r.computeIfAbsent(o.region(), k -> new ArrayList<>()).add(o);
      t.computeIfAbsent(o.instanceType(), k -> new ArrayList<>()).add(o);
    }
    this.providers = Set.copyOf(p.keySet());
    this.byProvider = freeze(p, k -> k);
    this.byRegion = freeze(r, Region::id);
    this.byInstanceType = freeze(t, InstanceType::id);
  }

  private static <K, I> Map<K, List<Offer>> freeze(Map<I, List<Offer>> index, Function<I, K> key) {
    Map<K, List<Offer>> out = new HashMap<>();
    index.forEach((k, v) -> out.merge(key.apply(k), List.copyOf(v), CatalogData::concat));
    return Map.copyOf(out);
  }

  private static List<Offer> concat(List<Offer> a, List<Offer> b) {
    List<Offer> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  List<Region> regions() {
    return regions;
  }

  List<InstanceType> instanceTypes() {
    return instanceTypes;
  }

  Set<CloudProvider> providers() {
    return providers;
  }

  Map<String, Integer> skipped() {
    return skipped;
  }

  int offerCount() {
    return offers.size();
  }

  /**
   * The offers matching a query, scanning only the smallest index slice that the query names.
   *
   * @param query the query
   * @return an immutable list in a deterministic order (catalog order within each looked-up key, keys sorted)
   */
  List<Offer> offers(OfferQuery query) {
    if (query.equals(OfferQuery.all())) {
      return offers;
    }
    int best = Integer.MAX_VALUE;
    List<List<Offer>> slice = null;
    if (!query.instanceTypeIds().isEmpty()) {
      slice = lookup(byInstanceType, query.instanceTypeIds());
      best = size(slice);
    }
    if (!query.regionIds().isEmpty()) {
      List<List<Offer>> s = lookup(byRegion, query.regionIds());
      if (size(s) < best) {
        slice = s;
        best = size(s);
      }
    }
    if (!query.providers().isEmpty()) {
      List<List<Offer>> s = lookup(byProvider, query.providers());
      if (size(s) < best) {
        slice = s;
      }
    }
    List<Offer> out = new ArrayList<>();
    for (List<Offer> part : slice == null ? List.of(offers) : slice) {
      for (Offer o : part) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
    }
    return List.copyOf(out);
  }

  private static <K> List<List<Offer>> lookup(Map<K, List<Offer>> index, Collection<K> keys) {
    List<List<Offer>> parts = new ArrayList<>(keys.size());
    List<K> sorted = new ArrayList<>(keys);
    sorted.sort(Comparator.comparing(Object::toString));
    for (K key : sorted) {
      List<Offer> part = index.get(key);
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static int size(List<List<Offer>> parts) {
    int n = 0;
    for (List<Offer> part : parts) {
      n += part.size();
    }
    return n;
  }
}
