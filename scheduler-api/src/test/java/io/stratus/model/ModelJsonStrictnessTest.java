package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.stratus.GoldenJson;
import org.junit.jupiter.api.Test;

/** Issue 10: model JSON that is missing, doubled or truncated fails loudly, naming the field and its path. */
class ModelJsonStrictnessTest {
  /** A host's mapper with Jackson's defaults: the annotations alone must catch missing and null numbers. */
  private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule()).build();
  private static final ObjectMapper STRICT = GoldenJson.MAPPER;

  @Test
  void resourceDemand_missingMemoryGib_failsNamingIt_evenWithDefaultMapper() {
    String json = "{\"vcpus\":2,\"gpus\":0,\"networkGbps\":1}";
    assertThatThrownBy(() -> PLAIN.readValue(json, ResourceDemand.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("memoryGib");
    assertThatThrownBy(() -> STRICT.readValue(json, ResourceDemand.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("memoryGib");
  }

  @Test
  void resourceDemand_nullMemoryGib_failsNamingIt_evenWithDefaultMapper() {
    String json = "{\"vcpus\":2,\"memoryGib\":null,\"gpus\":0,\"networkGbps\":1}";
    assertThatThrownBy(() -> PLAIN.readValue(json, ResourceDemand.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("memoryGib");
  }

  @Test
  void workload_missingNestedMemoryGib_failsWithThePath() throws Exception {
    ObjectNode node = STRICT.valueToTree(Samples.workload());
    ((ObjectNode) node.get("demand")).remove("memoryGib");
    assertThatThrownBy(() -> PLAIN.treeToValue(node, Workload.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("memoryGib")
        .hasMessageContaining("\"demand\"");
  }

  @Test
  void offer_missingNestedVcpus_failsWithThePath() {
    ObjectNode node = STRICT.valueToTree(Samples.onDemand());
    ((ObjectNode) node.get("instanceType")).remove("vcpus");
    assertThatThrownBy(() -> PLAIN.treeToValue(node, Offer.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("vcpus")
        .hasMessageContaining("\"instanceType\"");
  }

  @Test
  void duplicateKey_failsNamingIt() {
    String json = "{\"vcpus\":2,\"memoryGib\":4,\"memoryGib\":8,\"gpus\":0,\"networkGbps\":1}";
    assertThatThrownBy(() -> STRICT.readValue(json, ResourceDemand.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'memoryGib'");
  }

  @Test
  void floatForInteger_fails() {
    String json = "{\"vcpus\":2,\"memoryGib\":4,\"gpus\":1.5,\"networkGbps\":1}";
    assertThatThrownBy(() -> STRICT.readValue(json, ResourceDemand.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("1.5")
        .hasMessageContaining("gpus");
  }

  @Test
  void wholeNumberForDouble_isStillAccepted() throws Exception {
    assertThat(STRICT.readValue("{\"vcpus\":2,\"memoryGib\":4,\"gpus\":1,\"networkGbps\":1}", ResourceDemand.class))
        .isEqualTo(new ResourceDemand(2, 4, 1, 1));
  }
}
