package io.stratus.security.threat;

import com.google.common.net.InetAddresses;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.spi.GeoLocation;
import io.stratus.security.spi.GeoLocator;
import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Detects misuse of API keys in {@code apikey.request} events ({@link SecurityEvents#apiKeyRequest}), each key
 * against its own history:
 *
 * <ul>
 *   <li>{@link Incident.Kind#API_KEY_NEW_LOCATION} ({@code HIGH}): a request from a location never seen for the key
 *       after its learning period. The location is the source's country when the {@link GeoLocator} knows it, else its
 *       network ({@code /24} for IPv4, {@code /48} for IPv6, the address itself when it is not an IP literal).
 *   <li>{@link Incident.Kind#API_KEY_NEW_ENDPOINT} ({@code MEDIUM}): a permission (resource and action) never used
 *       with the key after its learning period.
 *   <li>{@link Incident.Kind#API_KEY_UNUSUAL_RATE} ({@code MEDIUM}): requests per bucket far above the key's
 *       baseline. Each key's bucket counts (idle buckets as zeros) feed a streaming robust z-score detector of the
 *       time-series engine ({@link Detectors#robustZScore(DetectorOptions)}); a closed bucket is reported when the
 *       detector labels it anomalous, it holds at least {@code minRequests} requests and lies above the key's mean. A
 *       bucket closes when the key's next request falls in a later bucket, or on {@link #flush(Instant)}; the
 *       incident names the bucket's most frequent source (empty if the requests had none) and the key's owner.
 * </ul>
 *
 * The learning period starts at a key's first request; each new location or endpoint is reported once, then learned.
 * Memory is bounded: at most {@code maxKeys} keys (idle ones forgotten after {@code idleAfter} of event time, then the
 * least recently seen), each remembering at most {@value #MAX_REMEMBERED} locations and endpoints (beyond that new ones
 * are still reported, but not learned).
 *
 * <p>Thread-safe ({@link #observe} and {@link #flush} are synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ApiKeyMisuseDetector implements ThreatDetector {
  /** The most locations and endpoints remembered per key. */
  public static final int MAX_REMEMBERED = 256;

  private final Duration learningPeriod;
  private final Optional<GeoLocator> locator;
  private final long bucketMillis;
  private final DetectorOptions rateOptions;
  private final int minRequests;
  private final ActorTable<KeyState> keys;

  private final class KeyState {
    final String keyId;
    final Instant firstSeen;
    final Set<String> locations = new HashSet<>();
    final Set<String> endpoints = new HashSet<>();
    final StreamingDetector rate = Detectors.robustZScore(rateOptions);
    long bucket = Long.MIN_VALUE;
    int count;
    String owner = "";
    final Map<String, Integer> sources = new HashMap<>();
    double mean;
    long closed;

    KeyState(String keyId, Instant firstSeen) {
      this.keyId = keyId;
      this.firstSeen = firstSeen;
    }
  }

  private ApiKeyMisuseDetector(Builder b) {
    this.learningPeriod = b.learningPeriod;
    this.locator = Optional.ofNullable(b.locator);
    this.bucketMillis = b.bucket.toMillis();
    this.rateOptions = DetectorOptions.builder().bandWidth(b.bandWidth).window(b.baselineBuckets)
        .warmUp(b.warmUpBuckets).build();
    this.minRequests = b.minRequests;
    this.keys = new ActorTable<>(b.maxKeys, b.idleAfter);
  }

  /**
   * A builder with the defaults: learning period 7 days, no geo-locator, 1-minute buckets, a baseline of the last
   * 1440 buckets with 60 buckets of warm-up, band width 4, at least 30 requests in an unusual bucket, 10 000 keys
   * forgotten after 30 idle days.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized List<Incident> observe(AuditEvent event) {
    SecurityEvents.Parsed p = SecurityEvents.parse(Objects.requireNonNull(event, "event"));
    if (p.type() != SecurityEvents.Type.API_KEY_REQUEST) {
      return List.of();
    }
    Instant now = event.at();
    KeyState k = keys.touch(p.keyId(), now, () -> new KeyState(p.keyId(), now));
    List<Incident> out = new ArrayList<>();
    count(k, event, out);
    boolean learning = now.isBefore(k.firstSeen.plus(learningPeriod));
    if (!event.origin().isEmpty()) {
      String location = location(event.origin());
      if (!k.locations.contains(location)) {
        if (!learning) {
          out.add(new Incident(Incident.Kind.API_KEY_NEW_LOCATION, Incident.Severity.HIGH, now, event.actor(),
              k.keyId, event.origin(), "API key " + k.keyId + " of " + event.actor() + " used from new location "
                  + location, Map.of("location", location, "knownLocations", sorted(k.locations),
                      "endpoint", endpoint(p))));
        }
        remember(k.locations, location);
      }
    }
    String endpoint = endpoint(p);
    if (!k.endpoints.contains(endpoint)) {
      if (!learning) {
        out.add(new Incident(Incident.Kind.API_KEY_NEW_ENDPOINT, Incident.Severity.MEDIUM, now, event.actor(),
            k.keyId, event.origin(), "API key " + k.keyId + " of " + event.actor() + " used for new permission "
                + endpoint, Map.of("endpoint", endpoint, "permission", p.permission().toString(),
                    "knownEndpoints", sorted(k.endpoints))));
      }
      remember(k.endpoints, endpoint);
    }
    return List.copyOf(out);
  }

  /**
   * Closes every key's rate bucket that ended at or before {@code now} (event time), e.g. on a periodic tick, so a
   * burst is reported without waiting for the key's next request.
   *
   * @param now the current event time; never null
   * @return the unusual-rate incidents of the closed buckets; never null
   */
  @Override
  public synchronized List<Incident> flush(Instant now) {
    Objects.requireNonNull(now, "now");
    keys.evictIdle(now);
    List<Incident> out = new ArrayList<>();
    long bucket = Math.floorDiv(now.toEpochMilli(), bucketMillis);
    keys.forEach(k -> {
      if (k.bucket != Long.MIN_VALUE && bucket > k.bucket) {
        close(k, bucket, out);
      }
    });
    return List.copyOf(out);
  }

  private void count(KeyState k, AuditEvent event, List<Incident> out) {
    long bucket = Math.floorDiv(event.at().toEpochMilli(), bucketMillis);
    if (k.bucket == Long.MIN_VALUE) {
      k.bucket = bucket;
    } else if (bucket > k.bucket) {
      close(k, bucket, out);
    }
    k.count++;
    k.owner = event.actor();
    if (k.sources.size() < MAX_REMEMBERED || k.sources.containsKey(event.origin())) {
      k.sources.merge(event.origin(), 1, Integer::sum);
    }
  }

  /** Scores the open bucket, feeds the idle buckets up to {@code next} as zeros, and opens {@code next}. */
  private void close(KeyState k, long next, List<Incident> out) {
    AnomalyResult r = k.rate.update((k.bucket + 1) * bucketMillis, k.count);
    if (r.anomalous() && k.count >= minRequests && k.count > k.mean && k.closed >= rateOptions.warmUp()) {
      Instant end = Instant.ofEpochMilli((k.bucket + 1) * bucketMillis);
      List<Map.Entry<String, Integer>> top = k.sources.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(3).toList();
      String source = top.isEmpty() ? "" : top.get(0).getKey();
      out.add(new Incident(Incident.Kind.API_KEY_UNUSUAL_RATE, Incident.Severity.MEDIUM, end, k.owner, k.keyId,
          source, "API key " + k.keyId + " made " + k.count + " requests in " + Duration.ofMillis(bucketMillis)
              + " against a baseline mean of " + String.format(Locale.ROOT, "%.1f", k.mean),
          Map.of("requests", Integer.toString(k.count), "baselineMean", String.format(Locale.ROOT, "%.2f", k.mean),
              "score", String.format(Locale.ROOT, "%.3f", r.score()), "bucketEnd", end.toString(), "topSources",
              top.toString())));
    }
    learn(k, k.count);
    long idle = Math.min(next - k.bucket - 1, rateOptions.window());
    for (long b = next - idle; b < next; b++) {
      k.rate.update((b + 1) * bucketMillis, 0);
      learn(k, 0);
    }
    k.bucket = next;
    k.count = 0;
    k.sources.clear();
  }

  private void learn(KeyState k, int count) {
    double alpha = 2.0 / (rateOptions.window() + 1);
    k.mean = k.closed == 0 ? count : k.mean + alpha * (count - k.mean);
    k.closed++;
  }

  private String location(String origin) {
    Optional<GeoLocation> at = locator.flatMap(l -> l.locate(origin));
    if (at.isPresent()) {
      return "country:" + at.get().country();
    }
    if (!InetAddresses.isInetAddress(origin)) {
      return "source:" + origin;
    }
    byte[] ip = InetAddresses.forString(origin).getAddress();
    int keep = ip.length == 4 ? 3 : 6;
    for (int i = keep; i < ip.length; i++) {
      ip[i] = 0;
    }
    try {
      return "net:" + InetAddresses.toAddrString(java.net.InetAddress.getByAddress(ip)) + "/" + keep * 8;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("a " + ip.length + "-byte address is always valid", e);
    }
  }

  private static String endpoint(SecurityEvents.Parsed p) {
    return p.permission().resource() + ":" + p.permission().action();
  }

  private static void remember(Set<String> set, String value) {
    if (set.size() < MAX_REMEMBERED) {
      set.add(value);
    }
  }

  private static String sorted(Set<String> set) {
    return set.stream().sorted().toList().toString();
  }

  /** Keys currently tracked (for the memory-bound tests). */
  synchronized int tracked() {
    return keys.size();
  }

  /**
   * Configures an {@link ApiKeyMisuseDetector}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Duration learningPeriod = Duration.ofDays(7);
    private GeoLocator locator;
    private Duration bucket = Duration.ofMinutes(1);
    private int baselineBuckets = 1440;
    private int warmUpBuckets = 60;
    private double bandWidth = 4.0;
    private int minRequests = 30;
    private int maxKeys = 10_000;
    private Duration idleAfter = Duration.ofDays(30);

    private Builder() {}

    /**
     * Sets how long after a key's first request its locations and endpoints are only learned.
     *
     * @param period zero or positive; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder learningPeriod(Duration period) {
      if (Objects.requireNonNull(period, "period").isNegative()) {
        throw new IllegalArgumentException("learningPeriod " + period + " must not be negative");
      }
      this.learningPeriod = period;
      return this;
    }

    /**
     * Locates sources by country instead of by network.
     *
     * @param locator the host's locator; never null
     * @return this builder
     */
    public Builder geoLocator(GeoLocator locator) {
      this.locator = Objects.requireNonNull(locator, "locator");
      return this;
    }

    /**
     * Sets the rate bucket and baseline.
     *
     * @param bucket the bucket length; at least one millisecond; never null
     * @param baselineBuckets how many recent buckets form the baseline; at least 3
     * @param warmUpBuckets buckets learned before rates are judged; at least 3
     * @return this builder
     * @throws IllegalArgumentException naming the parameter that breaks its rule
     */
    public Builder rateBaseline(Duration bucket, int baselineBuckets, int warmUpBuckets) {
      if (Objects.requireNonNull(bucket, "bucket").toMillis() < 1) {
        throw new IllegalArgumentException("bucket " + bucket + " must be at least 1 ms");
      }
      if (baselineBuckets < 3) {
        throw new IllegalArgumentException("baselineBuckets " + baselineBuckets + " must be at least 3");
      }
      if (warmUpBuckets < 3) {
        throw new IllegalArgumentException("warmUpBuckets " + warmUpBuckets + " must be at least 3");
      }
      this.bucket = bucket;
      this.baselineBuckets = baselineBuckets;
      this.warmUpBuckets = warmUpBuckets;
      return this;
    }

    /**
     * Sets how far above the baseline a bucket must lie.
     *
     * @param bandWidth robust standard deviations at which a bucket is unusual; positive, finite
     * @param minRequests the fewest requests an unusual bucket holds; at least 1
     * @return this builder
     * @throws IllegalArgumentException naming the parameter that breaks its rule
     */
    public Builder rateSensitivity(double bandWidth, int minRequests) {
      if (!(bandWidth > 0 && Double.isFinite(bandWidth))) {
        throw new IllegalArgumentException("bandWidth " + bandWidth + " must be positive and finite");
      }
      if (minRequests < 1) {
        throw new IllegalArgumentException("minRequests " + minRequests + " must be at least 1");
      }
      this.bandWidth = bandWidth;
      this.minRequests = minRequests;
      return this;
    }

    /**
     * Bounds memory.
     *
     * @param maxKeys the most keys tracked; at least 1
     * @param idleAfter a key with no request for this long (event time) is forgotten; positive; never null
     * @return this builder
     * @throws IllegalArgumentException naming the parameter that breaks its rule
     */
    public Builder memory(int maxKeys, Duration idleAfter) {
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys " + maxKeys + " must be at least 1");
      }
      if (Objects.requireNonNull(idleAfter, "idleAfter").isNegative() || idleAfter.isZero()) {
        throw new IllegalArgumentException("idleAfter " + idleAfter + " must be positive");
      }
      this.maxKeys = maxKeys;
      this.idleAfter = idleAfter;
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return a new detector; never null
     */
    public ApiKeyMisuseDetector build() {
      return new ApiKeyMisuseDetector(this);
    }
  }
}
