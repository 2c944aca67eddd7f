package io.stratus.spi;

import org.apiguardian.api.API;

/**
 * Where notifications leave Stratus: a webhook, a chat, a pager, an in-memory outbox for tests. Implementations are
 * thread-safe; a failed delivery throws {@link io.stratus.ProviderException} and the caller decides to retry.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface NotificationChannel extends StratusProvider {
  /**
   * Delivers one notification.
   *
   * @param notification what to send; never null
   * @throws io.stratus.ProviderException if delivery failed
   */
  void send(Notification notification);
}
