package io.stratus.adapters.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.model.Architecture;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
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
  void runningVms_withoutSubscription_saysHowToConfigureIt() {
    AzureInventoryProvider provider = AzureInventoryProvider.create(stubs.config().build());
    assertThatThrownBy(provider::runningVms).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("AZURE_SUBSCRIPTION_ID");
  }
}
