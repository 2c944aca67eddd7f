/**
 * Runnable programs that show a host how to embed Stratus. Start with {@link io.stratus.samples.QuickstartSample}:
 * {@code ./mvnw -B -q -pl samples -am compile exec:java}.
 */
package io.stratus.samples;
