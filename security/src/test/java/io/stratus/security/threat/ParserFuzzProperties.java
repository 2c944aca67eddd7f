package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.audit.AuditEvent;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzed inputs to the threat package's parsers: each either parses or fails with its typed, located error. */
class ParserFuzzProperties {
  static final Instant T0 = Instant.parse("2026-03-05T00:00:00Z");

  /** Mostly near-valid text: fragments of the grammar glued with noise. */
  @Provide
  Arbitrary<String> ruleTexts() {
    Arbitrary<String> word = Arbitraries.oneOf(
        Arbitraries.of("enumeration", "revoked-key-use", "mfa-failures-then-new-source", "threshold=", "window=",
            "severity=", "PT5M", "P1D", "-PT1S", "PT0S", "HIGH", "low", "=", "#", "\n", " ", "\t", "20", "-3",
            "99999999999", "PT999999999999999999H", "\r\n", "\u00a0"),
        Arbitraries.strings().ofMaxLength(6));
    return word.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void attackRules_parseOrFailTyped(@ForAll("ruleTexts") String text) {
    try {
      List<AttackRule> rules = AttackRule.parse(text);
      assertThat(rules).allSatisfy(r -> assertThat(r.window()).isPositive());
    } catch (InvalidRuleException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.getMessage()).startsWith("attack rule line " + e.line() + ": " + e.field() + " '");
    }
  }

  @Provide
  Arbitrary<String> geoTables() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.of("10.0.0.0/8", "2001:db8::/32", "::ffff:1.2.3.4/120", "1.2.3.4/-1", "1.2.3.4/", "/8",
            "999.1.1.1/8", "52.5", "-91", "180", "NaN", "1e400", "DE", "de", "", " ", "#", "0x10"),
        Arbitraries.strings().ofMaxLength(8));
    Arbitrary<String> line = field.list().ofMaxSize(5).map(l -> String.join(",", l));
    return line.list().ofMaxSize(4).map(l -> String.join("\n", l));
  }

  @Property(tries = 2000)
  void geoTable_parsesOrFailsTyped(@ForAll("geoTables") String text) {
    try {
      TableGeoLocator t = TableGeoLocator.parse("fuzz", new StringReader(text));
      assertThat(t.size()).isNotNegative();
      assertThat(t.locate("10.1.1.1")).isNotNull();
    } catch (GeoTableFormatException e) {
      assertThat(e.getMessage()).startsWith("fuzz:" + e.line() + ": " + e.field() + " '");
    }
  }

  @Provide
  Arbitrary<AuditEvent> events() {
    Arbitrary<String> action = Arbitraries.of("authn.apikey", "apikey.request", "authz.check", "authz.grant",
        "authz.policy", "authn.mfa", "other.thing");
    Arbitrary<String> resource = Arbitraries.oneOf(
        Arbitraries.of("apikey:0123456789abcdef", "apikey:0123456789abcdef:cost:read", "apikey:0123456789ABCDEF:x:y",
            "grant:bob:admin", "grant:bob:cost:read:q3", "grant::admin", "grant:b b:admin", "cost:read", "x:y:z:w",
            "*:*", "grant:bob:", "apikey:", ":"),
        Arbitraries.strings().withChars("apikeygrant:0123456789abcdef*-_ .").ofMinLength(1).ofMaxLength(40));
    Arbitrary<AuditEvent.Outcome> outcome = Arbitraries.of(AuditEvent.Outcome.class);
    return Combinators.combine(action, resource, outcome).as((a, r, o) -> AuditEvent.builder().at(T0).actor("p")
        .action(a).resource(r.isBlank() ? "x" : r).origin("192.0.2.1").outcome(o).build());
  }

  @Property(tries = 2000)
  void conventionEvents_areReadOrRefusedTyped_byEveryDetector(@ForAll("events") AuditEvent event) {
    List<ThreatDetector> detectors = List.of(BruteForceDetector.create(3, 2, Duration.ofMinutes(1)),
        ApiKeyMisuseDetector.builder().learningPeriod(Duration.ZERO).build(),
        ImpossibleTravelDetector.create(Geo.TABLE),
        PrivilegeEscalationDetector.builder().learningPeriod(Duration.ZERO).build());
    for (ThreatDetector d : detectors) {
      try {
        assertThat(d.observe(event)).isNotNull();
      } catch (MalformedEventException e) {
        assertThat(e.getMessage()).startsWith("audit event " + event.action() + ": " + e.field() + " '");
      }
    }
  }
}
