package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.GoldenJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model type survives a JSON round trip and serializes to the shape in {@code src/test/resources/golden/}.
 * Refresh the golden files with {@code -Dstratus.golden.update=true} and review the diff.
 */
class JsonRoundTripTest {
  private static final ObjectMapper MAPPER = GoldenJson.MAPPER;

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("cloud-provider", CloudProvider.of("ovh")),
        Arguments.of("cloud-provider-builtin", CloudProvider.AZURE),
        Arguments.of("jurisdiction", Jurisdiction.US_GOV),
        Arguments.of("money", Samples.usd("0.0960")),
        Arguments.of("money-eur", Money.of("-12.50", "EUR")),
        Arguments.of("geo-point", new GeoPoint(-33.87, 151.21)),
        Arguments.of("region", Samples.frankfurt()),
        Arguments.of("instance-type", Samples.p4d()),
        Arguments.of("resource-demand", new ResourceDemand(0.25, 0.5, 1, 2.5)),
        Arguments.of("offer-on-demand", Samples.onDemand()),
        Arguments.of("offer-spot", Samples.spot()),
        Arguments.of("user-location", new UserLocation("Berlin", new GeoPoint(52.52, 13.405))),
        Arguments.of("cost-constraints", Samples.spotTolerant()),
        Arguments.of("cost-constraints-none", CostConstraints.none()),
        Arguments.of("performance-requirements", Samples.lowLatency()),
        Arguments.of("performance-requirements-none", PerformanceRequirements.none()),
        Arguments.of("compliance-requirements", Samples.euOnly()),
        Arguments.of("compliance-requirements-none", ComplianceRequirements.none()),
        Arguments.of("performance-sample", new PerformanceSample(Samples.T0, 0.25, 0.5, Double.NaN, 0.9)),
        Arguments.of("cost-sample", new CostSample(Samples.T0, Samples.T0.plusSeconds(3600), Samples.usd("1.20"))),
        Arguments.of("workload", Samples.workload()),
        Arguments.of("workload-minimal", Workload.builder("w1").build()),
        Arguments.of("virtual-machine", Samples.vm()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void roundTrip_everyModelType_equalsOriginalAndMatchesGolden(String name, Object value) throws IOException {
    GoldenJson.assertRoundTrip(name, value);
  }

  @Test
  void money_serializesAmountExactlyWithScale() throws JsonProcessingException {
    Money back = MAPPER.readValue(MAPPER.writeValueAsString(Samples.usd("0.0960")), Money.class);

    assertThat(back.amount()).isEqualByComparingTo("0.096");
    assertThat(back.amount().scale()).isEqualTo(4);
  }

  @Test
  void region_unknownCountryInJson_isRejectedWithField() {
    String json =
        "{\"provider\":\"aws\",\"code\":\"eu-central-1\",\"displayName\":\"x\",\"country\":\"Germany\","
            + "\"jurisdictions\":[],\"zones\":[],\"location\":{\"latitude\":0,\"longitude\":0},"
            + "\"certifications\":[]}";

    assertThatThrownBy(() -> MAPPER.readValue(json, Region.class)).hasMessageContaining("region.country");
  }

  @Test
  void offer_negativePriceInJson_isRejected() throws JsonProcessingException {
    ObjectNode node = (ObjectNode) MAPPER.valueToTree(Samples.onDemand());
    ((ObjectNode) node.get("hourlyPrice")).put("amount", "-1");

    assertThatThrownBy(() -> MAPPER.treeToValue(node, Offer.class)).hasMessageContaining("offer.hourlyPrice");
  }

  @Test
  void workload_missingIdInJson_isRejectedWithField() {
    assertThatThrownBy(() -> MAPPER.readValue("{\"priority\":1}", Workload.class))
        .hasMessageContaining("workload.id");
  }

  @Test
  void compliance_overlappingProvidersInJson_isRejected() {
    String json = "{\"allowedProviders\":[\"aws\"],\"deniedProviders\":[\"aws\"]}";

    assertThatThrownBy(() -> MAPPER.readValue(json, ComplianceRequirements.class))
        .hasMessageContaining("must not overlap");
  }

  @Test
  void virtualMachine_omittedOptionalFields_takeDefaults() throws JsonProcessingException {
    ObjectNode node = (ObjectNode) MAPPER.valueToTree(Samples.vm());
    node.remove(List.of("zone", "allocated", "labels", "performanceHistory", "costHistory"));

    VirtualMachine vm = MAPPER.treeToValue(node, VirtualMachine.class);

    assertThat(vm.zone()).isEmpty();
    assertThat(vm.allocated()).isEqualTo(ResourceDemand.ZERO);
    assertThat(vm.labels()).isEmpty();
    assertThat(vm.performanceHistory()).isEmpty();
    assertThat(vm.costHistory()).isEmpty();
  }
}
