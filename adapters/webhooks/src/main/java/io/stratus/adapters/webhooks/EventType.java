package io.stratus.adapters.webhooks;

import java.net.URI;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The Stratus event types, version 1. The CloudEvents {@code type} attribute carries the name with its version (for
 * example {@code io.stratus.budget.threshold.v1}); a breaking change of an event's data adds a new constant with the
 * next version and keeps the old one. Each type has a published JSON Schema on the class path at {@link
 * #schemaResource()} whose {@code $id} is {@link #dataSchema()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum EventType {
  /** A workload was placed, or found unschedulable, by a scheduler. */
  SCHEDULING_DECISION("io.stratus.scheduling.decision.v1"),
  /** A batch of cost records was ingested. */
  COST_INGESTED("io.stratus.cost.ingested.v1"),
  /** A budget crossed a threshold, actual or forecast. */
  BUDGET_THRESHOLD("io.stratus.budget.threshold.v1"),
  /** A cost or metric anomaly was detected. */
  ANOMALY_DETECTED("io.stratus.anomaly.detected.v1"),
  /** An alert fired or resolved. */
  ALERT("io.stratus.alert.v1"),
  /** A health check changed state. */
  HEALTH_CHANGED("io.stratus.health.changed.v1"),
  /** A security-relevant action happened (sign-in failure, key revoked, policy denial...). */
  SECURITY("io.stratus.security.v1");

  private final String ceType;

  EventType(String ceType) {
    this.ceType = ceType;
  }

  /**
   * The CloudEvents {@code type} attribute.
   *
   * @return the versioned type name; never null
   */
  public String ceType() {
    return ceType;
  }

  /**
   * The CloudEvents {@code dataschema} attribute: the {@code $id} of this type's JSON Schema.
   *
   * @return a URN naming the schema and its version; never null
   */
  public URI dataSchema() {
    return URI.create("urn:io.stratus:event-schema:" + ceType);
  }

  /**
   * Where the JSON Schema of the whole structured event (envelope and data) lies on the class path.
   *
   * @return an absolute class-path resource name; never null
   */
  public String schemaResource() {
    return "/io/stratus/adapters/webhooks/schema/" + ceType + ".schema.json";
  }

  /**
   * Finds the type for a CloudEvents {@code type} attribute.
   *
   * @param ceType a versioned type name; never null
   * @return the matching type; never null
   * @throws IllegalArgumentException if no Stratus event type has that name
   */
  public static EventType ofCeType(String ceType) {
    for (EventType t : values()) {
      if (t.ceType.equals(ceType)) {
        return t;
      }
    }
    throw new IllegalArgumentException("event type '" + ceType + "' is not a Stratus event type; known: "
        + java.util.Arrays.stream(values()).map(EventType::ceType).collect(java.util.stream.Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT) + "(" + ceType + ")";
  }
}
