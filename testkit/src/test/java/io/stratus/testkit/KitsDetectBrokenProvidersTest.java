package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.PricingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each kit fails on a provider that breaks the part of the contract the test names. */
class KitsDetectBrokenProvidersTest {

  private static PricingProviderCompatibilityKit pricingKit(Supplier<PricingProvider> supplier) {
    PricingProviderCompatibilityKit kit =
        new PricingProviderCompatibilityKit() {
          @Override
          protected PricingProvider createProvider() {
            return supplier.get();
          }
        };
    kit.createProviderUnderTest();
    return kit;
  }

  private static void fails(ThrowingCallable test) {
    assertThatThrownBy(test).isInstanceOf(AssertionError.class);
  }

  @Test
  void pricingKit_ignoredRegionFilter_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return super.offers(q.withRegionIds(Set.of()));
              }
            })
            ::offers_regionFilter_returnsExactlyTheMatches);
  }

  @Test
  void pricingKit_ignoredTypeOrOptionOrProviderFilter_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return super.offers(q.withInstanceTypeIds(Set.of()));
              }
            })
            ::offers_instanceTypeFilter_returnsExactlyTheMatches);
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return super.offers(q.withPurchaseOptions(Set.of()));
              }
            })
            ::offers_purchaseOptionFilter_returnsExactlyTheMatches);
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return super.offers(q.withProviders(Set.of()));
              }
            })
            ::offers_providerFilter_returnsExactlyTheMatches);
  }

  @Test
  void pricingKit_unlistedRegionOrType_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Region> regions() {
                return super.regions().subList(1, super.regions().size());
              }
            })
            ::offers_all_isNonEmptyAndEveryRegionAndTypeIsListed);
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<InstanceType> instanceTypes() {
                return List.of();
              }
            })
            ::offers_all_isNonEmptyAndEveryRegionAndTypeIsListed);
  }

  @Test
  void pricingKit_mutableResults_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return new ArrayList<>(super.offers(q));
              }
            })
            ::returnedCollections_areImmutable);
  }

  @Test
  void pricingKit_duplicateOffers_fails() {
    List<Offer> doubled = new ArrayList<>(Fixtures.offers());
    doubled.add(Fixtures.offers().get(0));
    fails(pricingKit(() -> new Fixtures.ListPricing(doubled))::offers_areValidAndUnique);
  }

  @Test
  void pricingKit_blankIdOrNoOffersOrNoProviders_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public String id() {
                return " ";
              }
            })
            ::id_isNonBlankAndRegistrable);
    fails(pricingKit(() -> new Fixtures.ListPricing(List.of()))::offers_all_isNonEmptyAndEveryRegionAndTypeIsListed);
    fails(pricingKit(() -> new Fixtures.ListPricing(List.of()))::providers_areNonEmpty);
  }

  @Test
  void pricingKit_nullQueryAccepted_fails() {
    fails(
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                return super.offers(q == null ? OfferQuery.all() : q);
              }
            })
            ::offers_nullQuery_isRejected);
  }

  @Test
  void pricingKit_racyProvider_fails() {
    AtomicInteger calls = new AtomicInteger();
    PricingProviderCompatibilityKit kit =
        pricingKit(() -> new Fixtures.ListPricing(Fixtures.offers()) {
              @Override
              public List<Offer> offers(OfferQuery q) {
                List<Offer> all = super.offers(q);
                // every third call loses an offer, as a provider with an unsafe cache might
                return calls.incrementAndGet() % 3 == 0 && !all.isEmpty() ? all.subList(1, all.size()) : all;
              }
            });
    fails(kit::concurrentQueries_seeTheSameResultsAsSequentialOnes);
  }

  private static InventoryProviderCompatibilityKit inventoryKit(InventoryProvider p) {
    InventoryProviderCompatibilityKit kit =
        new InventoryProviderCompatibilityKit() {
          @Override
          protected InventoryProvider createProvider() {
            return p;
          }
        };
    kit.createProviderUnderTest();
    return kit;
  }

  @Test
  void inventoryKit_duplicateIdsOrMutableOrEmpty_fails() {
    List<VirtualMachine> dup = new ArrayList<>(Fixtures.vms());
    dup.add(Fixtures.vms().get(0));
    fails(inventoryKit(new Fixtures.ListInventory(dup))::runningVms_isNonEmptyWithUniqueIds);
    fails(inventoryKit(new Fixtures.ListInventory(List.of()))::runningVms_isNonEmptyWithUniqueIds);
    fails(
        inventoryKit(
                new Fixtures.ListInventory(Fixtures.vms()) {
                  @Override
                  public List<VirtualMachine> runningVms() {
                    return new ArrayList<>(vms);
                  }
                })
            ::runningVms_isAnImmutableSnapshot);
  }

  private static PerformanceHistoryProviderCompatibilityKit historyKit(PerformanceHistoryProvider p) {
    PerformanceHistoryProviderCompatibilityKit kit =
        new PerformanceHistoryProviderCompatibilityKit() {
          @Override
          protected PerformanceHistoryProvider createProvider() {
            return p;
          }

          @Override
          protected List<PerformanceProbe> knownPerformance() {
            return List.of(
                new PerformanceProbe(
                    OtherKitsOnCorrectProvidersTest.TYPE, OtherKitsOnCorrectProvidersTest.REGION, "web"));
          }

          @Override
          protected List<LatencyProbe> knownLatencies() {
            return List.of(
                new LatencyProbe(OtherKitsOnCorrectProvidersTest.REGION, OtherKitsOnCorrectProvidersTest.BERLIN));
          }
        };
    kit.createProviderUnderTest();
    return kit;
  }

  @Test
  void historyKit_wrongAnswersOrThrowingOnUnknown_fails() {
    PerformanceObservation other =
        new PerformanceObservation("aws:other", OtherKitsOnCorrectProvidersTest.REGION.id(), "web", 1, 0, 1,
            Fixtures.T);
    fails(
        historyKit(
                new Fixtures.MapHistory(List.of(), List.of()) {
                  @Override
                  public Optional<PerformanceObservation> performance(InstanceType t, Region r, String c) {
                    return Optional.of(other);
                  }
                })
            ::performance_knownCombination_isFoundForExactlyWhatWasAsked);
    fails(historyKit(new Fixtures.MapHistory(List.of(), List.of()))::latency_knownPair_isFoundForExactlyWhatWasAsked);
    // a provider that throws for unknown input fails the kit test with its own exception
    assertThatThrownBy(
            historyKit(
                    new Fixtures.MapHistory(List.of(), List.of()) {
                      @Override
                      public Optional<LatencyObservation> latency(Region r, UserLocation l) {
                        if (r.provider().equals(CloudProvider.of("kit-cloud"))) {
                          throw new IllegalArgumentException("unknown region " + r);
                        }
                        return Optional.empty();
                      }
                    })
                ::unknownCombinations_areEmptyNotErrors)
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static NotificationChannelCompatibilityKit channelKit(
      NotificationChannel channel, List<Notification> sink, NotificationChannel failing) {
    NotificationChannelCompatibilityKit kit =
        new NotificationChannelCompatibilityKit() {
          @Override
          protected NotificationChannel createProvider() {
            return channel;
          }

          @Override
          protected Optional<List<Notification>> delivered() {
            return Optional.of(List.copyOf(sink));
          }

          @Override
          protected Optional<NotificationChannel> createFailingProvider() {
            return Optional.ofNullable(failing);
          }
        };
    kit.createProviderUnderTest();
    return kit;
  }

  @Test
  void channelKit_lostOrDuplicatedOrSilentFailure_fails() {
    List<Notification> sink = java.util.Collections.synchronizedList(new ArrayList<>());
    NotificationChannel duplicating =
        new Fixtures.Outbox(false) {
          @Override
          public void send(Notification n) {
            sink.add(n);
            sink.add(n);
          }
        };
    fails(channelKit(duplicating, sink, null)::send_everySeverity_isDeliveredOnceUnchanged);

    List<Notification> lossySink = java.util.Collections.synchronizedList(new ArrayList<>());
    NotificationChannel lossy =
        new Fixtures.Outbox(false) {
          @Override
          public void send(Notification n) {
            if (!n.key().endsWith("7")) {
              lossySink.add(n);
            }
          }
        };
    fails(channelKit(lossy, lossySink, null)::send_concurrently_deliversEverything);

    NotificationChannel swallowing =
        new Fixtures.Outbox(false) {
          @Override
          public void send(Notification n) {
            throw new IllegalStateException("sink down");
          }
        };
    fails(channelKit(new Fixtures.Outbox(false), List.of(), swallowing)::send_failure_isReportedAsProviderException);
  }
}
