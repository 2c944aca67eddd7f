/**
 * Security service provider interfaces a host may implement: {@link io.stratus.security.spi.MfaProvider} (a second
 * factor; TOTP by default, WebAuthn or an identity provider by the host),
 * {@link io.stratus.security.spi.KeyManagementProvider} (key-encryption keys; a local key store by default) and its
 * {@link io.stratus.security.spi.RotatableKeyManagementProvider} refinement,
 * {@link io.stratus.security.spi.EnvelopeStore} (the host's stored envelopes, re-encrypted after a key rotation) and
 * {@link io.stratus.security.spi.GeoLocator} (where a source address is, for threat detection).
 */
package io.stratus.security.spi;
