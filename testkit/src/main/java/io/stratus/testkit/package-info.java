/**
 * Test support for Stratus and for every implementation of its SPIs: abstract compatibility kits (JUnit 5) that each
 * provider implementation extends, a {@link io.stratus.testkit.ControllableClock} for virtual time, and jqwik
 * arbitraries for the shared model ({@link io.stratus.testkit.ModelArbitraries}).
 *
 * <p>Use it at test scope: {@code io.stratus:stratus-testkit}.
 */
package io.stratus.testkit;
