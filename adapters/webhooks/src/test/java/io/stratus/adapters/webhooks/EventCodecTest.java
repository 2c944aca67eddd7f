package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void toJson_writesCloudEventsStructuredEnvelopeWithInlineJsonData() throws Exception {
    StratusEvent e = SampleEvents.all().get(3);
    JsonNode tree = new ObjectMapper().readTree(EventCodec.toJson(e));
    assertThat(tree.get("specversion").asText()).isEqualTo("1.0");
    assertThat(tree.get("id").asText()).isEqualTo("e-4");
    assertThat(tree.get("type").asText()).isEqualTo("io.stratus.budget.threshold.v1");
    assertThat(tree.get("source").asText()).isEqualTo("/stratus/test");
    assertThat(tree.get("time").asText()).isEqualTo("2026-03-01T10:15:30Z");
    assertThat(tree.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(tree.get("dataschema").asText()).isEqualTo("urn:io.stratus:event-schema:io.stratus.budget.threshold.v1");
    assertThat(tree.get("data").isObject()).as("data inlined as JSON, not base64").isTrue();
    assertThat(tree.at("/data/spend/amount").asText()).isEqualTo("8100.00");
  }

  @Test
  void roundTrip_keepsEveryField() {
    for (StratusEvent e : SampleEvents.all()) {
      assertThat(EventCodec.fromJson(EventCodec.toJson(e))).isEqualTo(e);
    }
  }

  @Test
  void fromJson_badBodies_typedErrors() {
    assertThatThrownBy(() -> EventCodec.fromJson("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventCodec.EventFormatException.class).hasMessageContaining("CloudEvents");
    String unknownType = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"com.example.other\","
        + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"labels\":{}}}";
    assertThatThrownBy(() -> EventCodec.fromJson(unknownType.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventCodec.EventFormatException.class).hasMessageContaining("com.example.other");
    String noTime = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"io.stratus.alert.v1\","
        + "\"data\":{\"labels\":{}}}";
    assertThatThrownBy(() -> EventCodec.fromJson(noTime.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventCodec.EventFormatException.class).hasMessageContaining("time");
  }

  @Test
  void event_rejectsBlankIdAndNonStringLabels() {
    var data = JsonNodeFactory.instance.objectNode();
    data.putObject("labels").put("n", 1);
    assertThatThrownBy(() -> new StratusEvent("e", EventType.ALERT, SampleEvents.SOURCE, SampleEvents.T, data))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels.n");
    assertThatThrownBy(() -> Events.security(" ", SampleEvents.SOURCE, SampleEvents.T, "a.b", null, "success", "",
        Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event.id");
  }

  @Test
  void data_isCopiedInAndOut() {
    StratusEvent e = SampleEvents.all().get(0);
    e.data().put("workloadId", "changed");
    assertThat(e.data().get("workloadId").asText()).isEqualTo("wl-1");
  }
}
