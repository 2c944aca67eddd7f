package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final Path GOLDEN = Paths.get("src", "test", "resources", "golden");
  private static final boolean UPDATE = Boolean.getBoolean("stratus.golden.update");

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
    String json = MAPPER.writeValueAsString(value);
    Object back = MAPPER.readValue(json, value.getClass());
    assertThat(back).isEqualTo(value);

    Path file = GOLDEN.resolve(name + ".json");
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("golden file %s is missing; create it with -Dstratus.golden.update=true and review it", file)
        .exists();
    String golden = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(canonical(MAPPER.readTree(json)))
        .as("JSON of %s differs from %s (refresh with -Dstratus.golden.update=true if intended)", name, file)
        .isEqualTo(canonical(MAPPER.readTree(golden)));
    assertThat(MAPPER.readValue(golden, value.getClass())).as("golden %s read back", name).isEqualTo(value);
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

  /**
   * Sets serialize in an order that changes between JVM runs; arrays of scalars are compared as sorted multisets
   * (value equality after reading back still checks list order).
   */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = MAPPER.createObjectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.set(e.getKey(), canonical(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(canonical(n)));
      if (items.stream().allMatch(JsonNode::isValueNode)) {
        items.sort(Comparator.comparing(JsonNode::toString));
      }
      ArrayNode copy = MAPPER.createArrayNode();
      items.forEach(copy::add);
      return copy;
    }
    return node;
  }
}
