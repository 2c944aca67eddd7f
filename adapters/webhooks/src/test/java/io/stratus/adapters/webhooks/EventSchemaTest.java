package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event the factories produce validates against the published JSON Schema of its type, and bad ones fail. */
class EventSchemaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

  @BeforeAll
  static void loadSchemas() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (EventType type : EventType.values()) {
      try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
        assertThat(in).as("schema resource " + type.schemaResource()).isNotNull();
        SCHEMAS.put(type, registry.getSchema(in));
      }
    }
  }

  private static List<Error> validate(EventType type, String json) {
    return SCHEMAS.get(type).validate(json, InputFormat.JSON);
  }

  @Test
  void everySampleEvent_validatesAgainstItsSchema() {
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    for (StratusEvent e : SampleEvents.all()) {
      String json = new String(EventCodec.toJson(e), StandardCharsets.UTF_8);
      assertThat(validate(e.type(), json)).as(e.type() + ": " + json).isEmpty();
      seen.add(e.type());
    }
    assertThat(seen).as("a sample of every event type").containsExactlyInAnyOrder(EventType.values());
  }

  @Test
  void everySchema_declaresItsIdAndType() throws IOException {
    for (EventType type : EventType.values()) {
      try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
        ObjectNode schema = (ObjectNode) MAPPER.readTree(in);
        assertThat(schema.get("$id").asText()).isEqualTo(type.dataSchema().toString());
        assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.ceType());
      }
    }
  }

  @Test
  void schema_rejectsMissingDataFieldWrongTypeAndBadMoney() throws IOException {
    StratusEvent budget = SampleEvents.all().get(3);
    ObjectNode tree = (ObjectNode) MAPPER.readTree(EventCodec.toJson(budget));
    ObjectNode noBudgetId = tree.deepCopy();
    ((ObjectNode) noBudgetId.get("data")).remove("budgetId");
    assertThat(validate(EventType.BUDGET_THRESHOLD, noBudgetId.toString())).isNotEmpty();
    ObjectNode badMoney = tree.deepCopy();
    ((ObjectNode) badMoney.at("/data/spend")).put("amount", "12,50");
    assertThat(validate(EventType.BUDGET_THRESHOLD, badMoney.toString())).isNotEmpty();
    assertThat(validate(EventType.ALERT, tree.toString())).as("a budget event is not an alert").isNotEmpty();
    ObjectNode badLabel = tree.deepCopy();
    ((ObjectNode) badLabel.at("/data/labels")).put("team", 7);
    assertThat(validate(EventType.BUDGET_THRESHOLD, badLabel.toString())).isNotEmpty();
  }

  @Test
  void schedulingSchema_placedNeedsTheOffer_unschedulableNeedsReasons() throws IOException {
    ObjectNode placed = (ObjectNode) MAPPER.readTree(EventCodec.toJson(SampleEvents.all().get(0)));
    ((ObjectNode) placed.get("data")).remove("hourlyCost");
    assertThat(validate(EventType.SCHEDULING_DECISION, placed.toString())).isNotEmpty();
    ObjectNode unschedulable = (ObjectNode) MAPPER.readTree(EventCodec.toJson(SampleEvents.all().get(1)));
    ((ObjectNode) unschedulable.get("data")).putArray("reasons");
    assertThat(validate(EventType.SCHEDULING_DECISION, unschedulable.toString())).isNotEmpty();
  }
}
