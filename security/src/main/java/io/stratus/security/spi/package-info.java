/**
 * Security service provider interfaces a host may implement: {@link io.stratus.security.spi.MfaProvider} (a second
 * factor; TOTP by default, WebAuthn or an identity provider by the host),
 * {@link io.stratus.security.spi.KeyManagementProvider} (key-encryption keys; a local key store by default) and its
 * {@link io.stratus.security.spi.RotatableKeyManagementProvider} refinement, and
 * {@link io.stratus.security.spi.EnvelopeStore} (the host's stored envelopes, re-encrypted after a key rotation).
 */
package io.stratus.security.spi;
