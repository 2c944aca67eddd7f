package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's environment settings, and an operator-supplied admin key. */
class ServerSettingsTest {
  @TempDir
  Path dir;

  @Test
  void from_defaults_andOverrides() {
    ServerSettings defaults = ServerSettings.from(Map.<String, String>of()::get);
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.bindAddress().isLoopbackAddress()).isTrue();
    assertThat(defaults.adminKey()).isEmpty();
    assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    ServerSettings set = ServerSettings.from(Map.of("STRATUS_PORT", "9090", "STRATUS_BIND", "0.0.0.0",
        "STRATUS_DATA_DIR", "/var/lib/stratus", "STRATUS_READINESS_DRAIN", "PT5S", "STRATUS_ADMIN_KEY", " ")::get);
    assertThat(set.port()).isEqualTo(9090);
    assertThat(set.bindAddress().isAnyLocalAddress()).isTrue();
    assertThat(set.dataDirectory()).isEqualTo(Path.of("/var/lib/stratus"));
    assertThat(set.readinessDrain()).isEqualTo(Duration.ofSeconds(5));
    assertThat(set.adminKey()).as("blank is absent").isEmpty();
  }

  @Test
  void from_badValues_nameTheVariable() {
    assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.from(Map.of("STRATUS_PORT", "http")::get))
        .withMessageContaining("STRATUS_PORT").withMessageContaining("'http'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerSettings.from(Map.of("STRATUS_SHUTDOWN_GRACE", "10s")::get))
        .withMessageContaining("STRATUS_SHUTDOWN_GRACE");
  }

  @Test
  void registerKey_acceptsTheOperatorsKey_andNeverEchoesAMalformedOne() {
    String token = "strk_0123456789abcdef_" + "A".repeat(43);
    try (ReferenceServer server = ReferenceServer.builder().port(0).dataDirectory(dir)
        .shutdownGrace(Duration.ofSeconds(1)).start()) {
      server.registerKey(token, "admin", "admin", Duration.ofDays(1));
      ApiClient api = new ApiClient(server.baseUri(), OpenApiContract.load());
      assertThat(api.get("/v1/budgets", token).status()).isEqualTo(200);
      assertThat(api.get("/v1/budgets", token.replace('A', 'B')).status()).isEqualTo(401);
      assertThatIllegalArgumentException()
          .isThrownBy(() -> server.registerKey("strk_secret-value", "x", "admin", Duration.ofDays(1)))
          .withMessageNotContaining("secret-value");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> server.registerKey(token, "x", "root", Duration.ofDays(1)))
          .withMessageContaining("viewer");
    }
  }
}
