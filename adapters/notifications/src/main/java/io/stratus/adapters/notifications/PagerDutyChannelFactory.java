package io.stratus.adapters.notifications;

import io.stratus.spi.NotificationChannel;
import io.stratus.spi.NotificationChannelFactory;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes {@link PagerDutyChannel}s; id {@code pagerduty}. Settings: {@code routingKey} (required, secret), {@code
 * endpoint} (default {@link PagerDutyChannel#EVENTS_V2}), {@code source}, {@code summaryTemplate}, {@code timeout}
 * (ISO-8601), {@code rateLimit.perPeriod}, {@code rateLimit.period}.
 *
 * <p>Thread-safe and stateless.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PagerDutyChannelFactory implements NotificationChannelFactory {
  /** For {@link java.util.ServiceLoader}. */
  public PagerDutyChannelFactory() {}

  @Override
  public String id() {
    return "pagerduty";
  }

  @Override
  public String description() {
    return "PagerDuty Events API v2";
  }

  @Override
  public NotificationChannel create(String channelId, Map<String, String> settings,
      java.time.InstantSource clock) {
    java.util.Objects.requireNonNull(clock, "clock");
    Settings s = new Settings("pagerduty", channelId, settings,
        Set.of("routingKey", "endpoint", "source", "summaryTemplate"), Set.of("routingKey"));
    String key = s.required("routingKey");
    java.net.URI endpoint = s.url("endpoint", false);
    String source = s.optional("source");
    MessageTemplate summary = s.template("summaryTemplate");
    PagerDutyChannel.Builder[] b = new PagerDutyChannel.Builder[1];
    if (key != null) {
      s.apply("id", () -> b[0] = PagerDutyChannel.builder(channelId, key));
    }
    if (b[0] != null) {
      if (endpoint != null) {
        b[0].endpoint(endpoint);
      }
      if (source != null) {
        b[0].source(source);
      }
      if (summary != null) {
        b[0].summaryTemplate(summary);
      }
    }
    return s.finish(b[0], PagerDutyChannel.Builder::timeout, PagerDutyChannel.Builder::rateLimit).clock(clock).build();
  }
}
