package io.stratus.spi;

import java.time.InstantSource;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Makes {@link NotificationChannel}s of one type (email, Slack, a webhook, a pager) from settings, so channel
 * implementations can be found through {@link java.util.ServiceLoader} although each channel needs its own address
 * and secrets: load the factories with {@code ProviderRegistry.load(NotificationChannelFactory.class)}, pick one by
 * {@link #id()} (the channel type), and {@link #create} channels from the host's settings.
 *
 * <p>Implementations are thread-safe and have a public no-arg constructor.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface NotificationChannelFactory extends StratusProvider {
  /**
   * Makes a channel.
   *
   * @param channelId the new channel's {@link NotificationChannel#id()}; not blank
   * @param settings the channel's settings by key (the keys are the factory's; values may be secrets and are never
   *     logged or echoed in errors); never null
   * @param clock the host's clock, for timestamps the channel sends or records; never null
   * @return the channel; never null
   * @throws io.stratus.InvalidConfigurationException listing every missing or malformed setting by key
   */
  NotificationChannel create(String channelId, Map<String, String> settings, InstantSource clock);
}
