package io.stratus.security.threat;

import com.google.common.net.InetAddresses;
import io.stratus.model.GeoPoint;
import io.stratus.security.spi.GeoLocation;
import io.stratus.security.spi.GeoLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A {@link GeoLocator} over a small table of networks, read from text: one {@code network,latitude,longitude,country}
 * per line (e.g. {@code 198.51.100.0/24,52.52,13.40,DE}; IPv4 or IPv6 CIDR; {@code #} starts a comment line; blank
 * lines are skipped). The most specific matching network wins; addresses are parsed as literals (never resolved
 * through DNS). Lookups scan the table, so it suits tests, samples and private address plans, not a full GeoIP
 * database. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TableGeoLocator implements GeoLocator {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private record Network(byte[] address, int prefix, GeoLocation location) {
    boolean contains(byte[] ip) {
      if (ip.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != address[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (ip[full] & mask) == (address[full] & mask);
    }
  }

  private final String id;
  private final List<Network> networks;

  private TableGeoLocator(String id, List<Network> networks) {
    this.id = id;
    this.networks = networks;
  }

  /**
   * Reads a table.
   *
   * @param name the table's name, for error messages and {@link #id()}; never null
   * @param text the table; never null; read to its end but not closed
   * @return the locator; never null
   * @throws GeoTableFormatException naming the line, field, value and rule of the first bad line
   * @throws UncheckedIOException if reading fails
   */
  public static TableGeoLocator parse(String name, Reader text) {
    Objects.requireNonNull(name, "name");
    List<Network> out = new ArrayList<>();
    BufferedReader in = new BufferedReader(Objects.requireNonNull(text, "text"));
    try {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        out.add(line(name, number, trimmed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read geo table " + name, e);
    }
    return new TableGeoLocator(name, List.copyOf(out));
  }

  private static Network line(String table, int number, String line) {
    String[] f = line.split(",", -1);
    if (f.length != 4) {
      throw new GeoTableFormatException(table, number, "line", line,
          "must have 4 comma-separated fields network,latitude,longitude,country (has " + f.length + ")");
    }
    String network = f[0].strip();
    int slash = network.indexOf('/');
    if (slash < 0) {
      throw new GeoTableFormatException(table, number, "network", network, "must be CIDR address/prefix");
    }
    byte[] address;
    try {
      address = InetAddresses.forString(network.substring(0, slash)).getAddress();
    } catch (IllegalArgumentException e) {
      throw new GeoTableFormatException(table, number, "network", network, "the address is not an IP literal");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(network.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > address.length * 8) {
      throw new GeoTableFormatException(table, number, "network", network,
          "the prefix must be an integer in [0, " + address.length * 8 + "]");
    }
    double lat = coordinate(table, number, "latitude", f[1].strip(), 90);
    double lon = coordinate(table, number, "longitude", f[2].strip(), 180);
    String country = f[3].strip();
    if (!COUNTRY.matcher(country).matches()) {
      throw new GeoTableFormatException(table, number, "country", country,
          "must be an upper-case ISO 3166-1 alpha-2 code");
    }
    return new Network(address, prefix, new GeoLocation(new GeoPoint(lat, lon), country));
  }

  private static double coordinate(String table, int number, String field, String text, double bound) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!(v >= -bound && v <= bound)) {
      throw new GeoTableFormatException(table, number, field, text, "must be a number in [-" + (int) bound + ", "
          + (int) bound + "]");
    }
    return v;
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Locates an address by the most specific network containing it.
   *
   * @param address an IP literal; never null
   * @return the location, or empty if no network contains it or it is not an IP literal
   */
  @Override
  public Optional<GeoLocation> locate(String address) {
    Objects.requireNonNull(address, "address");
    if (!InetAddresses.isInetAddress(address)) {
      return Optional.empty();
    }
    InetAddress ip = InetAddresses.forString(address);
    byte[] bytes = ip.getAddress();
    Network best = null;
    for (Network n : networks) {
      if (n.contains(bytes) && (best == null || n.prefix() > best.prefix())) {
        best = n;
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.location());
  }

  /**
   * How many networks the table holds.
   *
   * @return the count
   */
  public int size() {
    return networks.size();
  }
}
