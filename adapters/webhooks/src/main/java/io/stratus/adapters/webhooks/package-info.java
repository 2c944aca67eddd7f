/**
 * Outgoing events for hosts that feed other systems: one versioned event schema ({@link
 * io.stratus.adapters.webhooks.EventType}, {@link io.stratus.adapters.webhooks.Events}) in the CloudEvents 1.0 JSON
 * envelope with a published JSON Schema per type, {@link io.stratus.adapters.webhooks.Subscription}s with type and
 * label filters, Standard Webhooks signing ({@link io.stratus.adapters.webhooks.WebhookSigner}) and verification for
 * receivers ({@link io.stratus.adapters.webhooks.WebhookVerifier}), and at-least-once delivery by a {@link
 * io.stratus.adapters.webhooks.WebhookDispatcher} from a durable {@link io.stratus.adapters.webhooks.Outbox} (the
 * embedded default is the fsynced {@link io.stratus.adapters.webhooks.FileOutbox} journal).
 */
@NullMarked
package io.stratus.adapters.webhooks;

import org.jspecify.annotations.NullMarked;
