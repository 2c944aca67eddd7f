/**
 * Client-side TLS: {@link io.stratus.security.tls.TlsSettings} builds an {@code SSLContext}, {@code SSLParameters} and
 * a JDK {@code HttpClient} limited to TLS 1.2 and 1.3 with forward-secret AEAD cipher suites, an optional custom trust
 * store and optional RFC 7469 style SHA-256 public-key pins; {@link io.stratus.security.tls.TlsFailureException} says
 * why a handshake was refused.
 */
package io.stratus.security.tls;
