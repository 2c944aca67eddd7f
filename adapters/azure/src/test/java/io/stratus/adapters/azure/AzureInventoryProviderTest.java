package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stratus.InvalidConfigurationException;
import io.stratus.ProviderException;
import io.stratus.model.Architecture;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.PriceUnavailableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureInventoryProviderTest {
  private final Stubs stubs = new Stubs();

  @AfterEach
  void stop() {
    stubs.stop();
  }

  @Test
  void runningVms_readsEveryPageKeepsRunningOnesWithSizeStateTagsAndPrice() {
    stubs.retailPrices();
    stubs.compute();
    List<VirtualMachine> vms = AzureInventoryProvider.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION)
        .build()).runningVms();
    Map<String, VirtualMachine> byName = vms.stream()
        .collect(Collectors.toMap(v -> v.id().substring(v.id().lastIndexOf('/') + 1), Function.identity()));
    assertThat(byName).containsOnlyKeys("web-1", "batch-1", "db-1"); // old-1 is deallocated
    VirtualMachine web = byName.get("web-1");
    assertThat(web.instanceType().vcpus()).isEqualTo(2);
    assertThat(web.instanceType().memoryGib()).isEqualTo(8);
    assertThat(web.instanceType().family()).isEqualTo("DSv5");
    assertThat(web.region().code()).isEqualTo("eastus");
    assertThat(web.zone()).isEqualTo("2");
    assertThat(web.launchedAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00.1234567Z"));
    assertThat(web.hourlyPrice().amount()).isEqualByComparingTo(new BigDecimal("0.096"));
    assertThat(web.labels()).containsEntry("team", "web").containsEntry("env", "prod")
        .containsEntry("azure.powerState", "running").containsEntry("azure.resourceGroup", "rg-web");
    VirtualMachine batch = byName.get("batch-1");
    assertThat(batch.purchaseOption()).isEqualTo(PurchaseOption.SPOT);
    assertThat(batch.hourlyPrice().amount()).isEqualByComparingTo(new BigDecimal("0.0192"));
    VirtualMachine db = byName.get("db-1");
    assertThat(db.region().code()).isEqualTo("westeurope");
    assertThat(db.hourlyPrice().amount()).isEqualByComparingTo(new BigDecimal("0.23"));
    assertThat(db.instanceType().architecture()).isEqualTo(Architecture.X86_64);
  }

  @Test
  void runningVms_sizeWithoutRetailPrice_throwsPriceUnavailableWithThePricedRest() {
    stubs.retailPrices();
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", containing("armRegionName eq 'westeurope' and priceType eq 'Consumption'"))
        .willReturn(Stubs.json(stubs.fixture("retail-empty.json"))));
    stubs.compute();
    AzureInventoryProvider provider =
        AzureInventoryProvider.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION).build());
    assertThatThrownBy(provider::runningVms).isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
      assertThat(e.providerId()).isEqualTo("azure");
      assertThat(e.unpriced()).hasSize(1);
      assertThat(e.unpriced().keySet().iterator().next()).endsWith("/db-1");
      assertThat(e.unpriced().values().iterator().next()).contains("no ON_DEMAND price").contains("westeurope");
      assertThat(e.pricedVms()).extracting(v -> v.id().substring(v.id().lastIndexOf('/') + 1))
          .containsExactlyInAnyOrder("web-1", "batch-1");
    });
  }

  @Test
  void runningVms_regionOutsideTheConfiguredOnes_isUnpricedNotFree() {
    stubs.retailPrices();
    stubs.compute();
    AzureInventoryProvider provider = AzureInventoryProvider.create(
        stubs.config().regionCodes(List.of("eastus")).subscriptionId(Stubs.SUBSCRIPTION).build());
    assertThatThrownBy(provider::runningVms).isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
      assertThat(e.unpriced().values()).singleElement().asString().contains("westeurope")
          .contains("AzureConfig.builder().regions(...)");
      assertThat(e.pricedVms()).hasSize(2);
    });
  }

  @Test
  void runningVms_aRepeatedNextLink_failsInsteadOfPagingForever() {
    stubs.retailPrices();
    stubs.compute();
    String vms = "/subscriptions/" + Stubs.SUBSCRIPTION + "/providers/Microsoft.Compute/virtualMachines";
    String again = "{\"value\": [], \"nextLink\": \"" + stubs.base() + vms
        + "?api-version=2024-07-01&statusOnly=true&$skiptoken=page2\"}";
    // page 2 links to itself once; a source that followed it would then read an empty last page
    stubs.server.stubFor(get(urlPathEqualTo(vms)).atPriority(1).withQueryParam("$skiptoken", equalTo("page2"))
        .inScenario("loop").whenScenarioStateIs(Scenario.STARTED).willReturn(Stubs.json(again))
        .willSetStateTo("end"));
    stubs.server.stubFor(get(urlPathEqualTo(vms)).atPriority(1).withQueryParam("$skiptoken", equalTo("page2"))
        .inScenario("loop").whenScenarioStateIs("end").willReturn(Stubs.json("{\"value\": []}")));
    AzureInventoryProvider provider =
        AzureInventoryProvider.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION).build());
    assertThatThrownBy(provider::runningVms).isInstanceOf(ProviderException.class)
        .hasMessageContaining("virtual machine listing").hasMessageContaining("next-page token repeats");
    assertThat(stubs.server.findAll(getRequestedFor(urlPathEqualTo(vms)))).hasSize(2);
  }

  @Test
  void runningVms_withoutSubscription_saysHowToConfigureIt() {
    AzureInventoryProvider provider = AzureInventoryProvider.create(stubs.config().build());
    assertThatThrownBy(provider::runningVms).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("AZURE_SUBSCRIPTION_ID");
  }
}
