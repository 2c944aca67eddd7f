/**
 * Authentication: {@link io.stratus.security.authn.ApiKeys} issues, rotates, revokes and checks {@code strk_} API
 * keys that are stored only as SHA-256 hashes in an {@link io.stratus.security.authn.ApiKeyStore} (a small SPI, in memory by default);
 * {@link io.stratus.security.authn.Totp} computes RFC 4226/6238 one-time passwords and
 * {@link io.stratus.security.authn.TotpMfaProvider} is the default {@link io.stratus.security.spi.MfaProvider}.
 */
package io.stratus.security.authn;
