package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.GoldenJson;
import org.junit.jupiter.api.Test;

/** Issue 10: unknown jurisdictions and negative priorities are rejected, naming the value and the rule. */
class Issue10ModelTest {
  @Test
  void jurisdiction_unknownCode_isRejectedListingTheKnownCodes() {
    assertThatIllegalArgumentException().isThrownBy(() -> Jurisdiction.of("MARS"))
        .withMessageContaining("'MARS'")
        .withMessageContaining("[APAC, CA, CH, CN, EEA, EU, UK, US, US_GOV]");
  }

  @Test
  void jurisdiction_unknownCodeInJson_isRejected() {
    String json = "{\"allowedJurisdictions\":[\"EU\",\"MARS\"]}";
    assertThatThrownBy(() -> GoldenJson.MAPPER.readValue(json, ComplianceRequirements.class))
        .hasMessageContaining("MARS").hasMessageContaining("known codes");
  }

  @Test
  void jurisdiction_known_listsEveryConstant() {
    assertThat(Jurisdiction.known()).contains(Jurisdiction.EU, Jurisdiction.US_GOV, Jurisdiction.APAC).hasSize(9);
  }

  @Test
  void workload_negativePriority_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Workload.builder("w").priority(-1))
        .withMessageContaining("workload.priority").withMessageContaining(">= 0").withMessageContaining("-1");
    assertThat(Workload.builder("w").priority(0).build().priority()).isZero();
  }

  @Test
  void workload_negativePriorityInJson_isRejected() {
    String json = "{\"id\":\"w\",\"priority\":-3}";
    assertThatThrownBy(() -> GoldenJson.MAPPER.readValue(json, Workload.class))
        .hasMessageContaining("workload.priority");
  }
}
