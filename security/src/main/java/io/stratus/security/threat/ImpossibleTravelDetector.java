package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.spi.GeoLocation;
import io.stratus.security.spi.GeoLocator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Detects impossible travel: two consecutive successful authentications of one principal ({@code authn.*} events,
 * {@link SecurityEvents#authentication}) from places whose great-circle distance divided by the time between them
 * exceeds a plausible speed (default {@value #DEFAULT_MAX_SPEED_KMH} km/h, about an airliner's). Places come from the
 * host's {@link GeoLocator}; distances under {@code minDistanceKm} (default {@value #DEFAULT_MIN_DISTANCE_KM} km, the
 * usual error of IP geolocation) never count. Raises {@link Incident.Kind#IMPOSSIBLE_TRAVEL}, {@code HIGH}.
 *
 * <p>An authentication whose source cannot be located raises nothing and is counted ({@link #unlocated()}); the
 * principal's last known place stays. Memory is bounded: at most {@code maxPrincipals} principals, each forgotten
 * after {@code idleAfter} of event time without an authentication (then the least recently seen).
 *
 * <p>Thread-safe ({@link #observe} is synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImpossibleTravelDetector implements ThreatDetector {
  /** The default plausible speed, km/h. */
  public static final double DEFAULT_MAX_SPEED_KMH = 1000;
  /** The default shortest distance that counts, km. */
  public static final double DEFAULT_MIN_DISTANCE_KM = 200;

  private final GeoLocator locator;
  private final double maxSpeedKmh;
  private final double minDistanceKm;
  private final ActorTable<Last> principals;
  private long unlocated;

  private static final class Last {
    Instant at;
    String source;
    GeoLocation location;
  }

  private ImpossibleTravelDetector(GeoLocator locator, double maxSpeedKmh, double minDistanceKm, int maxPrincipals,
      Duration idleAfter) {
    this.locator = locator;
    this.maxSpeedKmh = maxSpeedKmh;
    this.minDistanceKm = minDistanceKm;
    this.principals = new ActorTable<>(maxPrincipals, idleAfter);
  }

  /**
   * A detector with the default speed and distance, tracking at most 100 000 principals for 30 idle days.
   *
   * @param locator the host's locator; never null
   * @return the detector; never null
   */
  public static ImpossibleTravelDetector create(GeoLocator locator) {
    return create(locator, DEFAULT_MAX_SPEED_KMH, DEFAULT_MIN_DISTANCE_KM, 100_000, Duration.ofDays(30));
  }

  /**
   * A detector with explicit limits.
   *
   * @param locator the host's locator; never null
   * @param maxSpeedKmh the fastest plausible travel, km/h; positive, finite
   * @param minDistanceKm the shortest distance that can count, km; zero or positive, finite
   * @param maxPrincipals the most principals tracked; at least 1
   * @param idleAfter a principal not authenticating for this long is forgotten; positive; never null
   * @return the detector; never null
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public static ImpossibleTravelDetector create(GeoLocator locator, double maxSpeedKmh, double minDistanceKm,
      int maxPrincipals, Duration idleAfter) {
    Objects.requireNonNull(locator, "locator");
    if (!(maxSpeedKmh > 0 && Double.isFinite(maxSpeedKmh))) {
      throw new IllegalArgumentException("maxSpeedKmh " + maxSpeedKmh + " must be positive and finite");
    }
    if (!(minDistanceKm >= 0 && Double.isFinite(minDistanceKm))) {
      throw new IllegalArgumentException("minDistanceKm " + minDistanceKm + " must be zero or positive and finite");
    }
    if (maxPrincipals < 1) {
      throw new IllegalArgumentException("maxPrincipals " + maxPrincipals + " must be at least 1");
    }
    if (Objects.requireNonNull(idleAfter, "idleAfter").isNegative() || idleAfter.isZero()) {
      throw new IllegalArgumentException("idleAfter " + idleAfter + " must be positive");
    }
    return new ImpossibleTravelDetector(locator, maxSpeedKmh, minDistanceKm, maxPrincipals, idleAfter);
  }

  @Override
  public synchronized List<Incident> observe(AuditEvent event) {
    SecurityEvents.Parsed p = SecurityEvents.parse(Objects.requireNonNull(event, "event"));
    if (p.type() != SecurityEvents.Type.AUTHENTICATION || !p.success() || event.origin().isEmpty()) {
      return List.of();
    }
    Optional<GeoLocation> here = locator.locate(event.origin());
    if (here.isEmpty()) {
      unlocated++;
      return List.of();
    }
    Last last = principals.touch(event.actor(), event.at(), Last::new);
    Incident found = null;
    if (last.location != null) {
      double km = last.location.point().distanceKm(here.get().point());
      double hours = Math.max(0, Duration.between(last.at, event.at()).toMillis()) / 3_600_000.0;
      double speed = hours == 0 ? Double.POSITIVE_INFINITY : km / hours;
      if (km >= minDistanceKm && km > 0 && speed > maxSpeedKmh) {
        found = new Incident(Incident.Kind.IMPOSSIBLE_TRAVEL, Incident.Severity.HIGH, event.at(), event.actor(),
            p.keyId(), event.origin(), event.actor() + " authenticated from " + here.get().country() + " "
                + fmt(km) + " km from " + last.location.country() + " after " + Duration.between(last.at, event.at()),
            Map.of("from", last.source, "fromCountry", last.location.country(), "to", event.origin(), "toCountry",
                here.get().country(), "distanceKm", fmt(km), "hours", String.format(Locale.ROOT, "%.3f", hours),
                "speedKmh", Double.isInfinite(speed) ? "infinite" : fmt(speed), "maxSpeedKmh", fmt(maxSpeedKmh)));
      }
    }
    if (last.at == null || !event.at().isBefore(last.at)) {
      last.at = event.at();
      last.source = event.origin();
      last.location = here.get();
    }
    return found == null ? List.of() : List.of(found);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /**
   * How many successful authentications had a source the locator did not know (and so were not judged).
   *
   * @return the count
   */
  public synchronized long unlocated() {
    return unlocated;
  }

  /** Principals currently tracked (for the memory-bound tests). */
  synchronized int tracked() {
    return principals.size();
  }
}
