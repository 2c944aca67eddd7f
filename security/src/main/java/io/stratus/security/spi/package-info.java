/**
 * Security service provider interfaces a host may implement: {@link io.stratus.security.spi.ApiKeyStore} (where API
 * key records are kept; in-memory by default) and {@link io.stratus.security.spi.MfaProvider} (a second factor; TOTP
 * by default, WebAuthn or an identity provider by the host).
 */
package io.stratus.security.spi;
