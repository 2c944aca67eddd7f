package io.stratus.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratus.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ChannelMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double sends(String outcome) {
    return registry.get("stratus.notifications.deliveries").tags("channel", "slack", "outcome", outcome).counter()
        .count();
  }

  @Test
  void support_countsDeliveredFailedAndRateLimitedSendsByChannelType() {
    ChannelSupport s = new ChannelSupport("ops", InstantSource.fixed(Instant.EPOCH), 1, Duration.ofHours(1), registry,
        "slack");

    s.acquire();
    s.succeeded("HTTP 200");
    assertThatThrownBy(s::acquire).isInstanceOf(ProviderException.class).hasMessageContaining("rate limit");
    s.fail("HTTP 500", null);

    assertThat(sends("delivered")).isEqualTo(1);
    assertThat(sends("rate_limited")).isEqualTo(1);
    // the refused send and the HTTP 500 both failed
    assertThat(sends("failed")).isEqualTo(2).isEqualTo(s.status().failed());
  }

  @Test
  void builder_meterRegistry_reachesTheChannel() {
    SlackChannel.builder("ops", java.net.URI.create("https://hooks.slack.invalid/x"))
        .clock(InstantSource.fixed(Instant.EPOCH)).meterRegistry(registry).build();

    assertThat(registry.find("stratus.notifications.deliveries").tag("channel", "slack").counters()).hasSize(3);
  }
}
