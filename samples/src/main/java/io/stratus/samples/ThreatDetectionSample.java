package io.stratus.samples;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.AuthenticationException;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.Permission;
import io.stratus.security.residency.ResidencyPolicy;
import io.stratus.security.threat.ApiKeyMisuseDetector;
import io.stratus.security.threat.AttackPatternDetector;
import io.stratus.security.threat.AttackRule;
import io.stratus.security.threat.BruteForceDetector;
import io.stratus.security.threat.ImpossibleTravelDetector;
import io.stratus.security.threat.Incident;
import io.stratus.security.threat.Lockout;
import io.stratus.security.threat.SecurityEvents;
import io.stratus.security.threat.TableGeoLocator;
import io.stratus.security.threat.ThreatMonitor;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Security monitoring with {@code stratus-security}: a {@link ThreatMonitor} reads the host's audit stream on a
 * virtual clock, a password-guessing attack locks the principal, a stolen API key replayed from another country is
 * revoked and its source blocked, an impossible journey asks for an MFA step-up, every response lands in a
 * hash-chained audit log that verifies, and a residency policy keeps a placement in the EU even though the US is
 * cheaper. Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.ThreatDetectionSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ThreatDetectionSample {
  private static final Instant T0 = Instant.parse("2026-06-01T07:00:00Z");
  private static final String GEO_TABLE = """
      # network,latitude,longitude,country: the host's own address plan plus two documentation ranges
      10.0.0.0/8,50.11,8.68,DE
      192.0.2.0/24,40.71,-74.01,US
      203.0.113.0/24,-23.55,-46.63,BR
      """;

  private ThreatDetectionSample() {}

  /**
   * What the sample found.
   *
   * @param incidents the kinds of incident raised, in order; never null
   * @param keyRevoked whether the stolen key ended revoked
   * @param thiefBlocked whether the thief's source ended blocked
   * @param guessedPrincipalLocked whether the principal under password guessing ended locked
   * @param stepUpRequired whether the travelling principal must pass an MFA step-up
   * @param alerts the titles of the alerts sent; never null
   * @param audit the audit log's verification; never null
   * @param placedRegion where the residency-bound workload was placed; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(List<Incident.Kind> incidents, boolean keyRevoked, boolean thiefBlocked,
      boolean guessedPrincipalLocked, boolean stepUpRequired, List<String> alerts, AuditVerification audit,
      String placedRegion) {}

  /**
   * Runs the sample in a directory (the audit log goes there) and prints what happens.
   *
   * @param dir a writable directory; never null
   * @param out where to print; never null
   * @return what it found; never null
   */
  public static Result run(Path dir, PrintStream out) {
    AtomicReference<Instant> clock = new AtomicReference<>(T0);
    ApiKeyStore store = ApiKeyStore.inMemory();
    ApiKeys keys = ApiKeys.create(store, clock::get);
    Lockout lockout = new Lockout();
    List<String> alerts = new ArrayList<>();
    NotificationChannel pager = new NotificationChannel() {
      @Override
      public String id() {
        return "pager";
      }

      @Override
      public void send(Notification n) {
        alerts.add(n.title());
        out.println("ALERT " + n.severity() + " " + n.title());
      }
    };
    TableGeoLocator geo = TableGeoLocator.parse("sample-geo", new StringReader(GEO_TABLE));
    List<Incident> incidents = new ArrayList<>();
    byte[] auditKey = "sample audit checkpoint key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("threat-audit.jsonl");
    IssuedApiKey key = keys.issue("billing-bot", Set.of(Permission.parse("cost:read")), Duration.ofDays(90));
    try (AuditLog audit = AuditLog.openFile(file, auditKey, 100)) {
      ThreatMonitor monitor = ThreatMonitor.builder()
          .detector(BruteForceDetector.create(5, 3, Duration.ofMinutes(5)))
          .detector(ApiKeyMisuseDetector.builder().learningPeriod(Duration.ofMinutes(30)).geoLocator(geo)
              .rateBaseline(Duration.ofMinutes(1), 60, 20).build())
          .detector(ImpossibleTravelDetector.create(geo))
          .detector(AttackPatternDetector.create(AttackRule.defaults(), Optional.of(store)))
          .lockout(lockout).audit(audit).apiKeys(keys, store).notificationChannel(pager).build();
      Host host = new Host(audit, monitor, keys, store, lockout, clock, incidents);

      // An hour of the billing bot's own traffic from the data centre: 3 requests a minute.
      for (int m = 0; m < 60; m++) {
        for (int r = 0; r < 3; r++) {
          host.apiRequest(T0.plusSeconds(60L * m + 15L * r), key.token(), "10.20.0.5");
        }
      }
      // The key leaks; a thief in another country replays it 120 times in a minute.
      Instant theft = T0.plus(Duration.ofMinutes(65));
      for (int r = 0; r < 120; r++) {
        host.apiRequest(theft.plusMillis(500L * r), key.token(), "203.0.113.66");
      }
      host.record(monitor.tick(theft.plusSeconds(60)));
      // Password guessing against alice from rotating addresses.
      for (int i = 0; i < 6; i++) {
        host.login(theft.plusSeconds(120 + 5L * i), "alice", "10.66.0." + i, false);
      }
      // bob signs in at the office, then 40 minutes later from New York.
      host.login(theft.plusSeconds(600), "bob", "10.1.1.1", true);
      host.login(theft.plusSeconds(600 + 40 * 60), "bob", "192.0.2.44", true);
    }
    AuditVerification verification = AuditLog.verifyFile(file, auditKey, 100);
    out.println("audit log: " + verification);

    Decision placed = residencyBoundPlacement(dir, auditKey);
    String region = placed.candidate().map(c -> c.region().id()).orElse("unplaced");
    out.println("residency: ledger placed in " + region + " (" + placed.explanation().rejectionSummary() + ")");

    return new Result(incidents.stream().map(Incident::kind).toList(),
        store.find(key.record().id()).flatMap(ApiKeyRecord::revokedAt).isPresent(),
        lockout.isSourceBlocked("203.0.113.66"), lockout.isPrincipalLocked("alice"),
        lockout.isMfaStepUpRequired("bob"), List.copyOf(alerts), verification, region);
  }

  /** The host side: authenticate, refuse what the lockout refuses, audit, and feed the monitor. */
  private record Host(AuditLog audit, ThreatMonitor monitor, ApiKeys keys, ApiKeyStore store, Lockout lockout,
      AtomicReference<Instant> clock, List<Incident> incidents) {

    void apiRequest(Instant at, String token, String source) {
      clock.set(at);
      String id = token.substring(ApiKeys.PREFIX.length(), ApiKeys.PREFIX.length() + 16);
      AuditEvent.Outcome outcome;
      String owner = store.find(id).map(ApiKeyRecord::principalId).orElse("unknown");
      try {
        keys.authenticate(token);
        outcome = lockout.isSourceBlocked(source) ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.SUCCESS;
      } catch (AuthenticationException e) {
        outcome = AuditEvent.Outcome.DENIED;
      }
      feed(SecurityEvents.apiKeyRequest(at, id, owner, source, Permission.parse("cost:read"), outcome));
    }

    void login(Instant at, String principal, String source, boolean rightPassword) {
      boolean refused = lockout.isPrincipalLocked(principal) || lockout.isSourceBlocked(source);
      feed(SecurityEvents.authentication(at, principal, "password", source, refused ? AuditEvent.Outcome.DENIED
          : rightPassword ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE));
    }

    void feed(AuditEvent event) {
      audit.append(event);
      record(monitor.observe(event));
    }

    void record(List<Incident> found) {
      incidents.addAll(found);
    }
  }

  private static Decision residencyBoundPlacement(Path dir, byte[] auditKey) {
    InstanceType t = new InstanceType(CloudProvider.AWS, "m5.large", "m5", 2, 8, 0, "", Architecture.X86_64, 10);
    Region virginia = new Region(CloudProvider.AWS, "us-east-1", "US East", "US", Set.of(Jurisdiction.US),
        List.of(), new GeoPoint(38.9, -77.4), Set.of());
    Region frankfurt = new Region(CloudProvider.AWS, "eu-central-1", "Europe (Frankfurt)", "DE",
        Set.of(Jurisdiction.EU, Jurisdiction.EEA), List.of(), new GeoPoint(50.1, 8.7), Set.of());
    List<Offer> offers = List.of(
        new Offer(t, virginia, PurchaseOption.ON_DEMAND, Money.of("0.096", "USD"), 0, T0),
        new Offer(t, frankfurt, PurchaseOption.ON_DEMAND, Money.of("0.115", "USD"), 0, T0));
    PricingProvider pricing = new PricingProvider() {
      @Override
      public String id() {
        return "sample-prices";
      }

      @Override
      public Set<CloudProvider> providers() {
        return Set.of(CloudProvider.AWS);
      }

      @Override
      public List<Region> regions() {
        return List.of(virginia, frankfurt);
      }

      @Override
      public List<InstanceType> instanceTypes() {
        return List.of(t);
      }

      @Override
      public List<Offer> offers(OfferQuery query) {
        return offers.stream().filter(query::matches).toList();
      }
    };
    try (AuditLog audit = AuditLog.openFile(dir.resolve("residency-audit.jsonl"), auditKey, 100)) {
      ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU), audit,
          Clock.fixed(T0, ZoneOffset.UTC));
      return CostAwareScheduler.builder().pricing(pricing).filter(policy.placementFilter()).build()
          .schedule(Workload.builder("ledger").demand(ResourceDemand.of(2, 4)).build());
    }
  }

  /**
   * Runs the sample in a temporary directory.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("stratus-threat-sample"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
