-- Webhook subscriptions (io.stratus.adapters.webhooks.SubscriptionStore): one row per subscription with its version
-- (1 when added, plus one per change; compare-and-set updates check it under a row lock). event_types and
-- label_selector use the length-prefixed text codec (label_selector NULL when empty). secrets holds an envelope
-- (io.stratus.security.crypto.EnvelopeCipher, AES-256-GCM, bound to the subscription id) of the written signing
-- secrets; they are never stored in plain text.
CREATE TABLE stratus_webhook_subscription (
  id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  endpoint TEXT NOT NULL,
  event_types TEXT NOT NULL,
  label_selector TEXT,
  secrets BYTEA NOT NULL
);
