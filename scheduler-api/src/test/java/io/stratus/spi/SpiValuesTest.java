package io.stratus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpiValuesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void offerQuery_matches_everyDimension() {
    Region r = new Region(CloudProvider.GCP, "europe-west1", "Belgium", "BE", Set.of(), List.of(),
        new GeoPoint(50, 4), Set.of());
    InstanceType t = new InstanceType(CloudProvider.GCP, "n2-standard-2", "n2", 2, 8, 0, "", Architecture.X86_64, 0);
    Offer o = new Offer(t, r, PurchaseOption.SPOT, Money.usd(0.02), 0.2, T);

    assertThat(OfferQuery.all().matches(o)).isTrue();
    assertThat(OfferQuery.all().withProviders(List.of(CloudProvider.GCP)).matches(o)).isTrue();
    assertThat(OfferQuery.all().withProviders(List.of(CloudProvider.AWS)).matches(o)).isFalse();
    assertThat(OfferQuery.all().withRegionIds(List.of("gcp:europe-west1")).matches(o)).isTrue();
    assertThat(OfferQuery.all().withRegionIds(List.of("gcp:us-east1")).matches(o)).isFalse();
    assertThat(OfferQuery.all().withInstanceTypeIds(List.of("gcp:n2-standard-2")).matches(o)).isTrue();
    assertThat(OfferQuery.all().withInstanceTypeIds(List.of("n2-standard-2")).matches(o)).isFalse();
    assertThat(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.SPOT)).matches(o)).isTrue();
    assertThat(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)).matches(o)).isFalse();
  }

  @Test
  void offerQuery_nullSet_isRejected() {
    assertThatThrownBy(() -> new OfferQuery(null, Set.of(), Set.of(), Set.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("offerQuery.providers");
  }

  @Test
  void observations_badFigures_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceObservation("aws:m5.large", "aws:us-east-1", "web", -1, 0, 1, T))
        .withMessageContaining("observation.cpuScore");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceObservation("aws:m5.large", "aws:us-east-1", "web", 1, 1.5, 1, T))
        .withMessageContaining("observation.failureRate");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceObservation("aws:m5.large", "aws:us-east-1", "web", 1, 0, 0, T))
        .withMessageContaining("observation.sampleCount");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LatencyObservation("aws:us-east-1", "Berlin", Double.NaN, 1, T))
        .withMessageContaining("latency.p95Millis");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LatencyObservation("aws:us-east-1", "Berlin", 10, 0, T))
        .withMessageContaining("latency.sampleCount");
  }

  @Test
  void notification_blankTitle_isRejected_andLabelsCopied() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Notification("k", Notification.Severity.INFO, " ", "", Map.of(), T))
        .withMessageContaining("title");
    java.util.HashMap<String, String> labels = new java.util.HashMap<>(Map.of("team", "a"));
    Notification n = new Notification("k", Notification.Severity.CRITICAL, "t", "b", labels, T);
    labels.put("x", "y");
    assertThat(n.labels()).containsOnlyKeys("team");
  }
}
