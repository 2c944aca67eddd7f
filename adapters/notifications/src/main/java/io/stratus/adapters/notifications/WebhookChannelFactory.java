package io.stratus.adapters.notifications;

import io.stratus.spi.NotificationChannel;
import io.stratus.spi.NotificationChannelFactory;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes {@link WebhookChannel}s; id {@code webhook}. Settings: {@code url} (required, secret), {@code signingSecret}
 * ({@code whsec_...}, secret), {@code timeout} (ISO-8601), {@code rateLimit.perPeriod}, {@code rateLimit.period}.
 *
 * <p>Thread-safe and stateless.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookChannelFactory implements NotificationChannelFactory {
  /** For {@link java.util.ServiceLoader}. */
  public WebhookChannelFactory() {}

  @Override
  public String id() {
    return "webhook";
  }

  @Override
  public String description() {
    return "JSON webhook, optionally signed (Standard Webhooks)";
  }

  @Override
  public NotificationChannel create(String channelId, Map<String, String> settings,
      java.time.InstantSource clock) {
    java.util.Objects.requireNonNull(clock, "clock");
    Settings s = new Settings("webhook", channelId, settings, Set.of("url", "signingSecret"),
        Set.of("url", "signingSecret"));
    java.net.URI url = s.url("url", true);
    String secret = s.optional("signingSecret");
    WebhookChannel.Builder[] b = new WebhookChannel.Builder[1];
    if (url != null) {
      s.apply("id", () -> b[0] = WebhookChannel.builder(channelId, url));
    }
    if (b[0] != null) {
      if (secret != null) {
        s.apply("signingSecret", () -> b[0].signingSecret(secret));
      }
    }
    return s.finish(b[0], WebhookChannel.Builder::timeout, WebhookChannel.Builder::rateLimit).clock(clock).build();
  }
}
