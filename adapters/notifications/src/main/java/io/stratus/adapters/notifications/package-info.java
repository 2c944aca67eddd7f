/**
 * Notification channels: email over SMTP ({@link io.stratus.adapters.notifications.EmailChannel}), Slack incoming
 * webhooks ({@link io.stratus.adapters.notifications.SlackChannel}), plain JSON webhooks with an optional Standard
 * Webhooks signature ({@link io.stratus.adapters.notifications.WebhookChannel}) and PagerDuty Events v2 ({@link
 * io.stratus.adapters.notifications.PagerDutyChannel}), each with {@linkplain
 * io.stratus.adapters.notifications.MessageTemplate message templates}, an optional rate limit and a {@linkplain
 * io.stratus.adapters.notifications.DeliveryStatus delivery status}. Each type also has a {@link
 * io.stratus.spi.NotificationChannelFactory} found through {@link java.util.ServiceLoader}. Secrets (webhook URLs,
 * routing keys, signing keys, SMTP passwords) are never logged, never in {@code toString()} and never in error
 * messages.
 */
package io.stratus.adapters.notifications;
