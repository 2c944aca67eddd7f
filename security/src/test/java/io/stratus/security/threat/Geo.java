package io.stratus.security.threat;

import java.io.StringReader;

/** A small CIDR table for the tests (documentation and private ranges). */
final class Geo {
  static final TableGeoLocator TABLE = TableGeoLocator.parse("test-geo", new StringReader("""
      # network,latitude,longitude,country
      10.0.0.0/8,52.52,13.40,DE
      10.9.0.0/16,48.14,11.58,DE
      192.0.2.0/24,40.71,-74.01,US
      198.51.100.0/24,35.68,139.69,JP
      203.0.113.0/24,-23.55,-46.63,BR
      2001:db8::/32,51.51,-0.13,GB
      """));

  private Geo() {}
}
