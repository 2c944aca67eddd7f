package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PricingProvider} must meet. Not thread-safe itself (JUnit creates one instance per test
 * method). Extend it in the implementation's tests and return a fresh provider (with its test data) from {@link
 * #createProvider()}:
 *
 * <pre>{@code
 * class MyPricingProviderTest extends PricingProviderCompatibilityKit {
 *   @Override
 *   protected PricingProvider createProvider() {
 *     return new MyPricingProvider(stubbedApi());
 *   }
 * }
 * }</pre>
 *
 * <p>It checks the id, that every offer's region and instance type are listed, that offers are unique and
 * consistent, that every query dimension (providers, regions, instance types, purchase options, and combinations)
 * returns exactly the matching offers, that returned collections are immutable, and that concurrent queries see the
 * same results as sequential ones. The provider must offer at least one offer.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class PricingProviderCompatibilityKit {
  /** How many distinct values per dimension the query tests sample. */
  private static final int SAMPLES = 6;

  /** The provider under test, created before each test. */
  protected PricingProvider provider;

  /** Creates the kit. */
  protected PricingProviderCompatibilityKit() {}

  /**
   * Creates the provider under test; called before every test.
   *
   * @return a provider with at least one offer; never null
   */
  protected abstract PricingProvider createProvider();

  /** Creates {@link #provider}. */
  @BeforeEach
  void createProviderUnderTest() {
    provider = createProvider();
    assertThat(provider).as("createProvider()").isNotNull();
  }

  @Test
  void id_isNonBlankAndRegistrable() {
    assertThat(provider.id()).as("id()").isNotBlank();
    assertThat(provider.description()).as("description()").isNotNull();
    ProviderRegistry<PricingProvider> registry = ProviderRegistry.empty(PricingProvider.class).register(provider);
    assertThat(registry.require(provider.id())).isSameAs(provider);
  }

  @Test
  void providers_areNonEmpty() {
    assertThat(provider.providers()).as("providers()").isNotEmpty().doesNotContainNull();
  }

  @Test
  void regions_areUniqueAndBelongToListedProviders() {
    List<Region> regions = provider.regions();
    assertThat(regions).as("regions()").isNotNull().doesNotContainNull();
    assertThat(regions.stream().map(Region::id)).as("region ids").doesNotHaveDuplicates();
    assertThat(regions).allSatisfy(r -> assertThat(provider.providers()).contains(r.provider()));
  }

  @Test
  void instanceTypes_areUniqueAndBelongToListedProviders() {
    List<InstanceType> types = provider.instanceTypes();
    assertThat(types).as("instanceTypes()").isNotNull().doesNotContainNull();
    assertThat(types.stream().map(InstanceType::id)).as("instance type ids").doesNotHaveDuplicates();
    assertThat(types).allSatisfy(t -> assertThat(provider.providers()).contains(t.provider()));
  }

  @Test
  void offers_all_isNonEmptyAndEveryRegionAndTypeIsListed() {
    List<Offer> all = all();
    assertThat(all).as("offers(OfferQuery.all())").isNotEmpty().doesNotContainNull();
    Map<String, Region> regions = new HashMap<>();
    provider.regions().forEach(r -> regions.put(r.id(), r));
    Map<String, InstanceType> types = new HashMap<>();
    provider.instanceTypes().forEach(t -> types.put(t.id(), t));
    Set<CloudProvider> providers = provider.providers();
    List<String> problems = new ArrayList<>();
    for (Offer o : all) {
      if (!o.region().equals(regions.get(o.region().id()))) {
        problems.add(o.id() + ": region not listed (or listed differently) in regions()");
      }
      if (!o.instanceType().equals(types.get(o.instanceType().id()))) {
        problems.add(o.id() + ": instance type not listed (or listed differently) in instanceTypes()");
      }
      if (!providers.contains(o.region().provider())) {
        problems.add(o.id() + ": provider not in providers()");
      }
    }
    assertThat(problems).as("offers inconsistent with regions()/instanceTypes()/providers()").isEmpty();
  }

  @Test
  void offers_areValidAndUnique() {
    List<Offer> all = all();
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Offer o : all) {
      if (!ids.add(o.id())) {
        problems.add(o.id() + ": appears more than once");
      }
      if (o.hourlyPrice().isNegative()) {
        problems.add(o.id() + ": negative price " + o.hourlyPrice());
      }
      if (o.observedAt() == null) {
        problems.add(o.id() + ": no observedAt");
      }
      double rate = o.interruptionRate();
      if (o.purchaseOption().isInterruptible() ? !(rate >= 0 && rate <= 1) : rate != 0) {
        problems.add(o.id() + ": interruption rate " + rate + " invalid for " + o.purchaseOption());
      }
    }
    assertThat(problems).as("invalid offers").isEmpty();
  }

  @Test
  void offers_isRepeatable() {
    assertSameOffers(provider.offers(OfferQuery.all()), provider.offers(OfferQuery.all()), "two calls of offers(all)");
  }

  @Test
  void offers_providerFilter_returnsExactlyTheMatches() {
    for (CloudProvider p : provider.providers()) {
      assertFilter(OfferQuery.all().withProviders(List.of(p)));
    }
    assertFilter(OfferQuery.all().withProviders(provider.providers()));
    assertThat(provider.offers(OfferQuery.all().withProviders(List.of(CloudProvider.of("no-such-cloud")))))
        .isEmpty();
  }

  @Test
  void offers_regionFilter_returnsExactlyTheMatches() {
    List<String> ids = sample(all().stream().map(o -> o.region().id()));
    for (String id : ids) {
      assertFilter(OfferQuery.all().withRegionIds(List.of(id)));
    }
    assertFilter(OfferQuery.all().withRegionIds(ids));
    assertThat(provider.offers(OfferQuery.all().withRegionIds(List.of("no-such-cloud:nowhere")))).isEmpty();
  }

  @Test
  void offers_instanceTypeFilter_returnsExactlyTheMatches() {
    List<String> ids = sample(all().stream().map(o -> o.instanceType().id()));
    for (String id : ids) {
      assertFilter(OfferQuery.all().withInstanceTypeIds(List.of(id)));
    }
    assertFilter(OfferQuery.all().withInstanceTypeIds(ids));
    assertThat(provider.offers(OfferQuery.all().withInstanceTypeIds(List.of("no-such-cloud:none")))).isEmpty();
  }

  @Test
  void offers_purchaseOptionFilter_returnsExactlyTheMatches() {
    for (PurchaseOption option : PurchaseOption.values()) {
      assertFilter(OfferQuery.all().withPurchaseOptions(List.of(option)));
    }
    assertFilter(OfferQuery.all().withPurchaseOptions(EnumSet.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT)));
  }

  @Test
  void offers_combinedFilters_returnExactlyTheMatches() {
    Offer some = all().get(all().size() / 2);
    assertFilter(
        OfferQuery.all()
            .withProviders(List.of(some.region().provider()))
            .withRegionIds(List.of(some.region().id()))
            .withInstanceTypeIds(List.of(some.instanceType().id()))
            .withPurchaseOptions(List.of(some.purchaseOption())));
    assertFilter(
        OfferQuery.all()
            .withRegionIds(sample(all().stream().map(o -> o.region().id())))
            .withInstanceTypeIds(sample(all().stream().map(o -> o.instanceType().id())))
            .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)));
    assertThat(
            provider.offers(
                OfferQuery.all()
                    .withRegionIds(List.of(some.region().id()))
                    .withProviders(List.of(CloudProvider.of("no-such-cloud")))))
        .as("contradictory query")
        .isEmpty();
  }

  @Test
  void offers_nullQuery_isRejected() {
    assertThatThrownBy(() -> provider.offers(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void returnedCollections_areImmutable() {
    Region region = provider.regions().isEmpty() ? all().get(0).region() : provider.regions().get(0);
    InstanceType type = all().get(0).instanceType();
    Offer offer = all().get(0);
    assertThatThrownBy(() -> provider.regions().add(region)).as("regions()")
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> provider.instanceTypes().add(type)).as("instanceTypes()")
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> provider.providers().add(CloudProvider.of("no-such-cloud"))).as("providers()")
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> provider.offers(OfferQuery.all()).add(offer)).as("offers(all)")
        .isInstanceOf(UnsupportedOperationException.class);
    List<Offer> narrowed = provider.offers(OfferQuery.all().withRegionIds(List.of(offer.region().id())));
    assertThatThrownBy(() -> narrowed.add(offer)).as("offers(query)")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void concurrentQueries_seeTheSameResultsAsSequentialOnes() throws Exception {
    List<OfferQuery> queries = new ArrayList<>();
    sample(all().stream().map(o -> o.region().id())).forEach(id -> queries.add(OfferQuery.all().withRegionIds(List.of(id))));
    sample(all().stream().map(o -> o.instanceType().id()))
        .forEach(id -> queries.add(OfferQuery.all().withInstanceTypeIds(List.of(id))));
    Map<OfferQuery, Set<String>> expected = new HashMap<>();
    for (OfferQuery q : queries) {
      expected.put(q, ids(provider.offers(q)));
    }
    int total = all().size();
    PricingProvider fresh = createProvider();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> tasks = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        tasks.add(() -> fresh.offers(OfferQuery.all()).size() == total ? "" : "offers(all) changed size");
        for (OfferQuery q : queries) {
          tasks.add(() -> ids(fresh.offers(q)).equals(expected.get(q)) ? "" : "offers(" + q + ") differed");
        }
      }
      for (Future<String> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).as("a concurrent query returned different offers").isEmpty();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private List<Offer> all() {
    return provider.offers(OfferQuery.all());
  }

  private void assertFilter(OfferQuery query) {
    List<Offer> expected = all().stream().filter(query::matches).collect(Collectors.toList());
    assertSameOffers(provider.offers(query), expected, "offers(" + query + ") vs the matching offers");
  }

  /**
   * Equality of two offer lists regardless of order, in linear time (AssertJ's any-order comparison is quadratic).
   * Offer ids are unique (checked by {@link #offers_areValidAndUnique()}), so offers are matched by id and then
   * compared in full.
   */
  private static void assertSameOffers(List<Offer> actual, List<Offer> expected, String what) {
    Map<String, Offer> byId = new HashMap<>();
    expected.forEach(o -> byId.put(o.id(), o));
    List<String> unexpected = new ArrayList<>();
    for (Offer o : actual) {
      Offer e = byId.remove(o.id());
      if (e == null || !e.equals(o)) {
        unexpected.add(o.id());
      }
    }
    List<String> missing = byId.keySet().stream().sorted().limit(20).collect(Collectors.toList());
    assertThat(unexpected.stream().limit(20).collect(Collectors.toList()))
        .as(what + ": unexpected, duplicated or different offers")
        .isEmpty();
    assertThat(missing).as(what + ": missing offers").isEmpty();
  }

  private static Set<String> ids(List<Offer> offers) {
    return offers.stream().map(Offer::id).collect(Collectors.toSet());
  }

  /** Up to {@link #SAMPLES} distinct values spread evenly over the sorted distinct values. */
  private static List<String> sample(java.util.stream.Stream<String> values) {
    List<String> distinct = values.distinct().sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    if (distinct.size() <= SAMPLES) {
      return distinct;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      out.add(distinct.get(i * (distinct.size() - 1) / (SAMPLES - 1)));
    }
    return out;
  }
}
