/**
 * Support for provider implementations (the cloud adapters, the Prometheus source, a host's own providers): one way
 * to meter and trace the remote calls a provider makes, {@link io.stratus.monitoring.provider.ProviderCallTelemetry},
 * so that every provider reports the same meters and spans; and, for the cloud adapters only (not API),
 * {@link io.stratus.monitoring.provider.CallPacer}, the rate-limit permits, retry waits and call deadline they share.
 */
@NullMarked
package io.stratus.monitoring.provider;

import org.jspecify.annotations.NullMarked;
