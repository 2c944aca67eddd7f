package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stratus.ProviderException;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.PriceUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpInventoryProviderTest {
  private static TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeAll
  static void startCloud() {
    cloud = TestCloud.shared();
  }

  @BeforeEach
  void start() {
    cloud.reset();
    InventoryFixtures.stubPriced(cloud);
  }

  @AfterEach
  void stop() {
    adapters.forEach(GcpAdapter::close);
    adapters.clear();
  }

  private GcpInventoryProvider provider() {
    GcpAdapter a = cloud.adapter();
    adapters.add(a);
    return a.inventoryProvider();
  }

  @Test
  void runningVms_mapsEveryRunningInstanceOfEveryPage() {
    Map<String, VirtualMachine> vms = provider().runningVms().stream()
        .collect(Collectors.toMap(VirtualMachine::id, Function.identity()));
    assertThat(vms).containsOnlyKeys("1234567890123456789", "2234567890123456789", "3234567890123456789");
    VirtualMachine web = vms.get("1234567890123456789");
    assertThat(web.instanceType().name()).isEqualTo("n2-standard-4");
    assertThat(web.instanceType().vcpus()).isEqualTo(4);
    assertThat(web.region().code()).isEqualTo("us-central1");
    assertThat(web.zone()).isEqualTo("us-central1-a");
    assertThat(web.purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(web.hourlyPrice().amount()).isEqualByComparingTo("0.194236");
    assertThat(web.launchedAt()).isEqualTo(Instant.parse("2026-07-20T17:00:00Z"));
    assertThat(web.labels()).containsEntry("team", "data").containsEntry("gcp:name", "web-1")
        .containsEntry("gcp:status", "RUNNING");
    VirtualMachine batch = vms.get("2234567890123456789");
    assertThat(batch.purchaseOption()).isEqualTo(PurchaseOption.SPOT);
    assertThat(batch.hourlyPrice().amount()).isEqualByComparingTo("0.160848");
    cloud.rest.verify(getRequestedFor(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("filter",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("status = RUNNING")));
  }

  @Test
  void runningVms_unpricedCustomType_throwsPriceUnavailableWithThePricedRest() {
    InventoryFixtures.stub(cloud);
    GcpInventoryProvider p = provider();
    assertThatThrownBy(p::runningVms).isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
      assertThat(e.providerId()).isEqualTo("gcp");
      assertThat(e.unpriced()).containsOnlyKeys("4234567890123456789");
      assertThat(e.unpriced().get("4234567890123456789")).contains("no ON_DEMAND price for n2-custom-6-20480")
          .contains("gcp:europe-west1");
      assertThat(e.pricedVms()).extracting(VirtualMachine::id)
          .containsExactly("1234567890123456789", "2234567890123456789", "3234567890123456789");
      assertThat(e.pricedVms()).allSatisfy(vm -> assertThat(vm.hourlyPrice().amount()).isPositive());
    });
  }

  @Test
  void unreachableZones_failTheInventoryInsteadOfReturningPartOfIt() {
    cloud.rest.stubFor(get(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("pageToken", absent())
        .atPriority(1)
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"kind\":\"compute#instanceAggregatedList\",\"items\":{},\"unreachables\":"
                + "[\"zones/us-central1-f\"]}")));
    GcpInventoryProvider p = provider();
    assertThatThrownBy(p::runningVms).isInstanceOf(ProviderException.class)
        .hasMessageContaining("unreachable [zones/us-central1-f]").hasMessageContaining("incomplete");
  }

  @Test
  void http503And429_areRetried() {
    cloud.rest.stubFor(get(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("pageToken", absent())
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled").atPriority(1)
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":503,\"message\":\"Backend Error\",\"errors\":[{\"reason\":\"backendError\"}]}}")));
    cloud.rest.stubFor(get(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("pageToken", absent())
        .inScenario("flaky").whenScenarioStateIs("throttled").willSetStateTo("ok").atPriority(1)
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}")));
    assertThat(provider().runningVms()).hasSize(3);
    assertThat(cloud.sleeps).hasSize(2);
  }

  @Test
  void aMalformedBody_failsWithoutRetry() {
    cloud.rest.stubFor(get(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("pageToken", absent())
        .atPriority(1)
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": [1, 2")));
    GcpInventoryProvider p = provider();
    assertThatThrownBy(p::runningVms).isInstanceOf(ProviderException.class)
        .hasMessageContaining("instances.aggregatedList page 1");
    assertThat(cloud.sleeps).isEmpty();
  }

  @Test
  void anUnknownMachineType_failsNamingTheInstance() {
    cloud.rest.stubFor(get(urlPathEqualTo(InventoryFixtures.PATH)).withQueryParam("pageToken", absent())
        .atPriority(1)
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
            "{\"items\":{\"zones/us-central1-a\":{\"instances\":["
                + InventoryFixtures.instance("9", "mystery", "us-central1-a", "z9-mega-1", "RUNNING", false)
                + "]}}}")));
    GcpInventoryProvider p = provider();
    assertThatThrownBy(p::runningVms).isInstanceOf(ProviderException.class)
        .hasMessageContaining("instance mystery (9)").hasMessageContaining("machineType");
  }
}
