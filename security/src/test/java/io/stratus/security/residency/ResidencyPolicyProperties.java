package io.stratus.security.residency;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Jurisdiction;
import io.stratus.security.testing.RecordingAuditLog;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResidencyPolicyProperties {
  @Property
  void noDestinationOutsideTheAllowedSetIsEverAccepted(@ForAll("jurisdictions") Set<Jurisdiction> allowed,
      @ForAll("jurisdictions") Set<Jurisdiction> located) {
    if (allowed.isEmpty()) {
      return;
    }
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(allowed, log, ResidencyPolicyTest.CLOCK);
    Destination d = new Destination(Destination.Kind.WEBHOOK, "https://h", located);
    boolean inside = located.stream().anyMatch(allowed::contains);
    try {
      policy.check(d);
      assertThat(inside).as("accepted %s under %s", located, allowed).isTrue();
      assertThat(log.events).isEmpty();
    } catch (ResidencyViolationException e) {
      assertThat(inside).as("refused %s under %s", located, allowed).isFalse();
      assertThat(log.events).hasSize(1);
    }
  }

  @Provide
  Arbitrary<Set<Jurisdiction>> jurisdictions() {
    return Arbitraries.of(Jurisdiction.known()).set().ofMaxSize(4);
  }
}
