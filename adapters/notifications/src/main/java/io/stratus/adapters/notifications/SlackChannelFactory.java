package io.stratus.adapters.notifications;

import io.stratus.spi.NotificationChannel;
import io.stratus.spi.NotificationChannelFactory;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes {@link SlackChannel}s; id {@code slack}. Settings: {@code url} (the incoming webhook URL, required, secret),
 * {@code titleTemplate}, {@code bodyTemplate}, {@code timeout} (ISO-8601), {@code rateLimit.perPeriod}, {@code
 * rateLimit.period}.
 *
 * <p>Thread-safe and stateless.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SlackChannelFactory implements NotificationChannelFactory {
  /** For {@link java.util.ServiceLoader}. */
  public SlackChannelFactory() {}

  @Override
  public String id() {
    return "slack";
  }

  @Override
  public String description() {
    return "Slack incoming webhook, Block Kit message";
  }

  @Override
  public NotificationChannel create(String channelId, Map<String, String> settings,
      java.time.InstantSource clock) {
    java.util.Objects.requireNonNull(clock, "clock");
    Settings s = new Settings("slack", channelId, settings, Set.of("url", "titleTemplate", "bodyTemplate"),
        Set.of("url"));
    java.net.URI url = s.url("url", true);
    MessageTemplate title = s.template("titleTemplate");
    MessageTemplate body = s.template("bodyTemplate");
    SlackChannel.Builder[] b = new SlackChannel.Builder[1];
    if (url != null) {
      s.apply("id", () -> b[0] = SlackChannel.builder(channelId, url));
    }
    if (b[0] != null) {
      if (title != null) {
        b[0].titleTemplate(title);
      }
      if (body != null) {
        b[0].bodyTemplate(body);
      }
    }
    return s.finish(b[0], SlackChannel.Builder::timeout, SlackChannel.Builder::rateLimit).clock(clock).build();
  }
}
