/**
 * The compatibility kit of the webhook {@link io.stratus.adapters.webhooks.Outbox} SPI: {@link
 * io.stratus.testkit.webhooks.OutboxCompatibilityKit}. It needs {@code stratus-webhooks}, an optional dependency of the
 * testkit, on the test class path.
 */
package io.stratus.testkit.webhooks;
