package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A cloud provider, identified by a short lower-case id. The three built-in ones are constants; any other provider
 * (a private cloud, a sovereign cloud, a simulated one) is {@link #of(String) named by its id}.
 *
 * <p>Immutable and thread-safe. Serialized to JSON as its id.
 *
 * @param id lower-case id, {@code [a-z][a-z0-9-]{0,31}}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CloudProvider(@JsonValue String id) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** Amazon Web Services. */
  public static final CloudProvider AWS = new CloudProvider("aws");
  /** Google Cloud. */
  public static final CloudProvider GCP = new CloudProvider("gcp");
  /** Microsoft Azure. */
  public static final CloudProvider AZURE = new CloudProvider("azure");

  /**
   * Validates the id.
   *
   * @throws IllegalArgumentException if the id does not match {@code [a-z][a-z0-9-]{0,31}}
   */
  public CloudProvider {
    Require.nonNull(id, "provider id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "provider id must match [a-z][a-z0-9-]{0,31} (e.g. 'aws', 'gcp', 'azure'), got '" + id + "'");
    }
  }

  /**
   * Returns the provider with this id; the built-in constants for {@code aws}, {@code gcp} and {@code azure}.
   *
   * @param id the provider id; never null
   * @return the provider; never null
   * @throws IllegalArgumentException if the id is malformed
   */
  @JsonCreator
  public static CloudProvider of(String id) {
    switch (Require.nonNull(id, "provider id")) {
      case "aws":
        return AWS;
      case "gcp":
        return GCP;
      case "azure":
        return AZURE;
      default:
        return new CloudProvider(id);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
