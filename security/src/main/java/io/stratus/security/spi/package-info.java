/**
 * Security service provider interfaces a host may implement: {@link io.stratus.security.spi.MfaProvider} (a second
 * factor; TOTP by default, WebAuthn or an identity provider by the host) and
 * {@link io.stratus.security.spi.KeyManagementProvider} (key-encryption keys; a local key store by default)
 * and {@link io.stratus.security.spi.GeoLocator} (where a source address is, for threat detection).
 */
package io.stratus.security.spi;
