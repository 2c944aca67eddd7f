/**
 * The reference REST server: the OpenAPI document {@code openapi/stratus.yaml} (on the class path) implemented on the
 * JDK's built-in HTTP server over the SDK's embedded defaults, with API-key authentication and permissions from
 * {@code stratus-security}. Start it with {@link io.stratus.samples.server.ReferenceServer#main}.
 */
package io.stratus.samples.server;
