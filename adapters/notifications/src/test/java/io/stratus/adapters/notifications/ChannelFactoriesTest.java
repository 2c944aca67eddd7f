package io.stratus.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.NotificationChannelFactory;
import io.stratus.spi.ProviderRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelFactoriesTest {
  @Test
  void serviceLoader_findsEveryChannelType() {
    assertThat(ProviderRegistry.load(NotificationChannelFactory.class).ids())
        .containsExactlyInAnyOrder("email", "slack", "webhook", "pagerduty");
  }

  @Test
  void create_fromSettings_sendsThroughTheChannel() throws Exception {
    try (StubServer server = new StubServer()) {
      NotificationChannel c = ProviderRegistry.load(NotificationChannelFactory.class).require("webhook")
          .create("ops-hook", Map.of("url", server.uri("/h").toString(), "signingSecret", "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
              "timeout", "PT5S", "rateLimit.perPeriod", "10"), InstantSource.system());
      assertThat(c.id()).isEqualTo("ops-hook");
      c.send(new Notification("k", Notification.Severity.INFO, "t", "b", Map.of(), Instant.EPOCH));
      assertThat(server.requests.get(0).header("webhook-signature")).startsWith("v1,");
    }
  }

  @Test
  void create_badSettings_reportsEveryProblemWithoutSecretValues() {
    assertThatThrownBy(() -> new SlackChannelFactory().create("s", Map.of("url", "ftp://hooks/T0/SECRETPATH",
        "titleTemplate", "{{nope}}", "timeout", "soon", "colour", "red"), InstantSource.system()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("slack notification channel 's' has 4 setting problem(s)")
        .hasMessageContaining("url: (secret, not shown) is not an absolute http or https URL")
        .hasMessageContaining("titleTemplate: template has unknown placeholder(s) [nope]")
        .hasMessageContaining("timeout: 'soon' must be a positive ISO-8601 duration")
        .hasMessageContaining("colour: unknown setting")
        .hasMessageNotContaining("SECRETPATH");
    assertThatThrownBy(() -> new EmailChannelFactory().create("m", Map.of("host", "localhost", "port", "99999",
        "from", "a@example.org", "to", "b@example.org", "password", "hunter2"), InstantSource.system()))
        .hasMessageContaining("port: '99999' must be an integer in 1..65535")
        .hasMessageContaining("username and password must be set together")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> new PagerDutyChannelFactory().create("p", Map.of(), InstantSource.system()))
        .hasMessageContaining("routingKey: missing");
  }
}
