package io.stratus.security.residency;

import io.stratus.model.Jurisdiction;
import io.stratus.model.Region;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where data is sent: its kind, a name for the audit log, and the jurisdictions it lies in. Immutable value; sets are
 * copied.
 *
 * @param kind the kind of destination; never null
 * @param name e.g. {@code https://hooks.example.com} or {@code aws:eu-central-1/exports}; never null, not blank
 * @param jurisdictions the jurisdictions the destination lies in; empty when unknown (then no policy admits it); never
 *     null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Destination(Kind kind, String name, Set<Jurisdiction> jurisdictions) {

  /** What sort of destination it is. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** An outgoing webhook endpoint. */
    WEBHOOK,
    /** An object-storage bucket receiving exports. */
    EXPORT_BUCKET
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public Destination {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("destination name must not be blank");
    }
    jurisdictions = Set.copyOf(jurisdictions);
  }

  /**
   * A webhook endpoint whose host the host application declares to be in these jurisdictions (a host name says
   * nothing reliable about where it is served from).
   *
   * @param endpoint an absolute {@code https} or {@code http} URI; never null
   * @param declared the jurisdictions the host declares for the endpoint's host; never null
   * @return the destination, named by scheme, host and port; never null
   * @throws IllegalArgumentException if the URI has no host or another scheme
   */
  public static Destination webhook(URI endpoint, Set<Jurisdiction> declared) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("webhook endpoint '" + endpoint + "' must be an absolute http(s) URI with a"
          + " host");
    }
    String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
    return new Destination(Kind.WEBHOOK, scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + port,
        declared);
  }

  /**
   * An export bucket in a provider region; the region's own jurisdictions apply.
   *
   * @param region the bucket's region; never null
   * @param bucket the bucket name; never null, not blank
   * @return the destination, named {@code provider:region/bucket}; never null
   */
  public static Destination exportBucket(Region region, String bucket) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("export bucket name must not be blank");
    }
    return new Destination(Kind.EXPORT_BUCKET, region.id() + "/" + bucket, region.jurisdictions());
  }
}
