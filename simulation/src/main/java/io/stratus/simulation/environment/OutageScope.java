package io.stratus.simulation.environment;

import org.apiguardian.api.API;

/**
 * What an outage takes down.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum OutageScope {
  /** One availability zone ({@code target} = zone name, e.g. {@code us-east-1a}). */
  ZONE,
  /** One region ({@code target} = region id, e.g. {@code aws:us-east-1}). */
  REGION,
  /** A provider-wide incident ({@code target} = provider id, e.g. {@code aws}). */
  PROVIDER
}
