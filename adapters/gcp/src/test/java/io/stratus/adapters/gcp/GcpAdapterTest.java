package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.stratus.InvalidConfigurationException;
import io.stratus.finops.spi.BillingSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GcpAdapterTest {
  private static final String SECRET = "ya29.a0AfB_secret-access-token-value";

  @Test
  void toString_neverShowsTheCredentials() {
    GoogleCredentials credentials = GoogleCredentials.create(new AccessToken(SECRET, null));
    GcpAdapter.Builder b = GcpAdapter.builder().projectId("my-project-123").credentials(credentials);
    try (GcpAdapter a = b.build()) {
      assertThat(a.toString()).doesNotContain(SECRET).contains("my-project-123").contains("host-supplied");
      assertThat(b.toString()).doesNotContain(SECRET);
      assertThat(a.pricingProvider().toString()).doesNotContain(SECRET);
      assertThat(a.pricingProvider().description()).doesNotContain(SECRET);
    }
  }

  @Test
  void builder_rejectsBadValuesNamingFieldValueAndRule() {
    assertThatThrownBy(() -> GcpAdapter.builder().projectId("My Project"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectId").hasMessageContaining("My Project");
    assertThatThrownBy(() -> GcpAdapter.builder().retry(0, Duration.ofMillis(1), Duration.ofMillis(2)))
        .hasMessageContaining("retry attempts must be 1 to 20, got 0");
    assertThatThrownBy(() -> GcpAdapter.builder().callTimeout(Duration.ZERO)).hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> GcpAdapter.builder().rateLimit("example.com", 1, Duration.ofSeconds(1)))
        .hasMessageContaining("rateLimit host");
    assertThatThrownBy(() -> GcpAdapter.builder().spotInterruptionRate(1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> GcpAdapter.builder().metricTypes(java.util.List.of("a\"b")))
        .hasMessageContaining("metricTypes");
    assertThatThrownBy(() -> GcpAdapter.builder().build()).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("projectId");
  }

  @Test
  void fromSettings_readsProjectAndTable() {
    Map<String, String> env = Map.of(GcpAdapter.PROJECT_SETTING, "settings-project",
        GcpAdapter.BILLING_TABLE_SETTING, "settings-project.billing.gcp_billing_export_v1_0");
    try (GcpAdapter a = GcpAdapter.fromSettings(env::get)) {
      assertThat(a.projectId()).isEqualTo("settings-project");
      assertThat(a.toString()).contains("settings-project.billing.gcp_billing_export_v1_0")
          .contains("application-default");
    }
  }

  @Test
  void fromSettings_rejectsAMalformedTable() {
    Map<String, String> env = Map.of(GcpAdapter.PROJECT_SETTING, "settings-project",
        GcpAdapter.BILLING_TABLE_SETTING, "not a table");
    assertThatThrownBy(() -> GcpAdapter.fromSettings(env::get)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a table");
  }

  @Test
  void close_releasesClientsAndRefusesNewOnes() {
    GcpAdapter a = GcpAdapter.builder().projectId("my-project-123")
        .credentials(com.google.cloud.NoCredentials.getInstance()).build();
    a.close();
    a.close();
    assertThatThrownBy(a::bigQuery).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void serviceLoader_findsEveryProviderWithoutCallingGoogle() {
    assertThat(ServiceLoader.load(PricingProvider.class).stream().map(p -> p.type().getName())
        .collect(Collectors.toList())).contains(GcpPricingProvider.class.getName());
    assertThat(ServiceLoader.load(InventoryProvider.class).stream().map(p -> p.type().getName())
        .collect(Collectors.toList())).contains(GcpInventoryProvider.class.getName());
    assertThat(ServiceLoader.load(BillingSource.class).stream().map(p -> p.type().getName())
        .collect(Collectors.toList())).contains(GcpBillingSource.class.getName());
    assertThat(ServiceLoader.load(MetricsSource.class).stream().map(p -> p.type().getName())
        .collect(Collectors.toList())).contains(GcpMetricsSource.class.getName());
    PricingProvider loaded = ProviderRegistry.load(PricingProvider.class).require("gcp");
    assertThat(loaded.id()).isEqualTo("gcp");
    assertThat(loaded.isSimulated()).isFalse();
  }

  @Test
  void missingConfiguration_saysWhatToSet() {
    assertThatThrownBy(() -> GcpAdapter.fromSettings(k -> null))
        .satisfiesAnyOf(
            e -> assertThat(e).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(GcpAdapter.PROJECT_SETTING),
            e -> assertThat(e).isNull());
  }
}
