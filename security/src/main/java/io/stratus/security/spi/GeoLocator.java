package io.stratus.security.spi;

import io.stratus.spi.StratusProvider;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Maps a source address to a location, for the threat detectors (impossible travel, an API key's new country). The
 * host supplies it (a GeoIP database, its IdP's risk service); {@code io.stratus.security.threat.TableGeoLocator}
 * reads a small CIDR table. Implementations must be thread-safe and fast (called for each authentication).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface GeoLocator extends StratusProvider {

  /**
   * Locates an address.
   *
   * @param address an IPv4 or IPv6 address in text form, as the audit events' origin; never null
   * @return the location, or empty when unknown (including malformed addresses)
   */
  Optional<GeoLocation> locate(String address);
}
