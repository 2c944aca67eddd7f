/**
 * Support for provider implementations (the cloud adapters, the Prometheus source, a host's own providers): one way
 * to meter and trace the remote calls a provider makes, {@link io.stratus.monitoring.provider.ProviderCallTelemetry},
 * so that every provider reports the same meters and spans.
 */
@NullMarked
package io.stratus.monitoring.provider;

import org.jspecify.annotations.NullMarked;
