package io.stratus.adapters.aws;

import io.stratus.ProviderException;

/** Builds {@link ProviderException}s that have no underlying exception. Stateless. */
final class Failures {
  private Failures() {}

  /** A failure without a cause; {@link ProviderException} documents a null cause as allowed. */
  @SuppressWarnings("NullAway")
  static ProviderException of(String providerId, String message) {
    return new ProviderException(providerId, message, null);
  }
}
