package io.stratus.security.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Region;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.testing.RecordingAuditLog;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResidencyPolicyTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  static final Region FRANKFURT = new Region(CloudProvider.AWS, "eu-central-1", "Europe (Frankfurt)", "DE",
      Set.of(Jurisdiction.EU, Jurisdiction.EEA), List.of("eu-central-1a"), new GeoPoint(50.1, 8.7), Set.of());
  static final Region VIRGINIA = new Region(CloudProvider.AWS, "us-east-1", "US East (N. Virginia)", "US",
      Set.of(Jurisdiction.US), List.of("us-east-1a"), new GeoPoint(38.9, -77.4), Set.of());

  @Test
  void bucketInAllowedJurisdiction_isAdmittedWithoutAudit() {
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU), log, CLOCK);
    Destination d = Destination.exportBucket(FRANKFURT, "exports");
    assertThat(policy.check(d)).isEqualTo(d);
    assertThat(d.name()).isEqualTo("aws:eu-central-1/exports");
    assertThat(log.events).isEmpty();
  }

  @Test
  void bucketOutsideAllowedJurisdictions_isRefusedAndAudited() {
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU, Jurisdiction.CH), log, CLOCK);
    Destination d = Destination.exportBucket(VIRGINIA, "exports");
    assertThatThrownBy(() -> policy.check(d)).isInstanceOf(ResidencyViolationException.class)
        .hasMessageContaining("aws:us-east-1/exports").hasMessageContaining("[US]")
        .hasMessageContaining("[CH, EU]")
        .satisfies(e -> assertThat(((ResidencyViolationException) e).destination()).isEqualTo(d));
    assertThat(log.events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
      assertThat(e.action()).isEqualTo("residency.check");
      assertThat(e.resource()).isEqualTo("export_bucket:aws:us-east-1/exports");
      assertThat(e.at()).isEqualTo(CLOCK.instant());
    });
  }

  @Test
  void webhookWithoutDeclaredJurisdiction_isRefused() {
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU), log, CLOCK);
    Destination d = Destination.webhook(URI.create("https://Hooks.Example.com:8443/x?y=1"), Set.of());
    assertThat(d.name()).isEqualTo("https://hooks.example.com:8443");
    assertThatThrownBy(() -> policy.check(d)).isInstanceOf(ResidencyViolationException.class)
        .hasMessageContaining("no jurisdiction declared");
    assertThat(log.events).hasSize(1);
    assertThat(policy.check(Destination.webhook(URI.create("https://hooks.example.eu/"), Set.of(Jurisdiction.EU))))
        .isNotNull();
    assertThat(log.events).hasSize(1);
  }

  @Test
  void badInput_isRejectedWithTheRule() {
    assertThatThrownBy(() -> Destination.webhook(URI.create("ftp://h/x"), Set.of()))
        .hasMessageContaining("ftp://h/x").hasMessageContaining("http(s)");
    assertThatThrownBy(() -> ResidencyPolicy.allowing(List.of(), new RecordingAuditLog(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
  }
}
