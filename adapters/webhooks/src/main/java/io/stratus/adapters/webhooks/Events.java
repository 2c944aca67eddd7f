package io.stratus.adapters.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.Money;
import io.stratus.spi.Notification;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Factories for every {@link EventType}, each producing data that matches the type's published JSON Schema. Money
 * is written as {@code {"amount": "12.34", "currency": "USD"}} (exact decimal as a string).
 *
 * <p>Stateless and thread-safe. Every argument is required (never null) unless its parameter says otherwise.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Events {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Events() {}

  /**
   * A workload was placed on an offer.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when the decision was made
   * @param workloadId the workload
   * @param provider the chosen cloud, e.g. {@code aws}
   * @param region the chosen region
   * @param instanceType the chosen instance type
   * @param hourlyCost the expected hourly cost
   * @param labels routing labels
   * @return the event; never null
   */
  public static StratusEvent workloadPlaced(String id, URI source, Instant time, String workloadId, String provider,
      String region, String instanceType, Money hourlyCost, Map<String, String> labels) {
    ObjectNode d = data(labels);
    d.put("workloadId", workloadId).put("outcome", "placed").put("provider", provider).put("region", region)
        .put("instanceType", instanceType);
    d.set("hourlyCost", money(hourlyCost));
    d.putArray("reasons");
    return new StratusEvent(id, EventType.SCHEDULING_DECISION, source, time, d);
  }

  /**
   * No offer satisfied a workload.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when the decision was made
   * @param workloadId the workload
   * @param reasons why, one line each; not empty
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if there are no reasons
   */
  public static StratusEvent workloadUnschedulable(String id, URI source, Instant time, String workloadId,
      List<String> reasons, Map<String, String> labels) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("reasons must not be empty for an unschedulable workload " + workloadId);
    }
    ObjectNode d = data(labels);
    d.put("workloadId", workloadId).put("outcome", "unschedulable");
    ArrayNode r = d.putArray("reasons");
    reasons.forEach(r::add);
    return new StratusEvent(id, EventType.SCHEDULING_DECISION, source, time, d);
  }

  /**
   * A batch of cost records was ingested.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when ingestion finished
   * @param billingSource the billing source id, e.g. {@code aws-cur}
   * @param periodStart start of the billed period (inclusive)
   * @param periodEnd end of the billed period (exclusive)
   * @param records how many records were ingested; not negative
   * @param total their total billed cost
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if records is negative or the period is empty
   */
  public static StratusEvent costIngested(String id, URI source, Instant time, String billingSource,
      Instant periodStart, Instant periodEnd, long records, Money total, Map<String, String> labels) {
    if (records < 0) {
      throw new IllegalArgumentException("records must be >= 0, got " + records);
    }
    if (!periodEnd.isAfter(periodStart)) {
      throw new IllegalArgumentException("periodEnd " + periodEnd + " must be after periodStart " + periodStart);
    }
    ObjectNode d = data(labels);
    d.put("billingSource", billingSource).put("periodStart", periodStart.toString())
        .put("periodEnd", periodEnd.toString());
    if (records <= Integer.MAX_VALUE) {
      d.put("records", (int) records); // the node type a parser reads back, so that events compare equal
    } else {
      d.put("records", records);
    }
    d.set("total", money(total));
    return new StratusEvent(id, EventType.COST_INGESTED, source, time, d);
  }

  /**
   * A budget crossed a threshold.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when the crossing was detected
   * @param budgetId the budget
   * @param thresholdPercent the threshold crossed, in percent of the budget; positive
   * @param basis {@code actual} or {@code forecast}
   * @param spend the spend (actual or forecast) that crossed it
   * @param budget the budget amount
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if the threshold is not positive or the basis is unknown
   */
  public static StratusEvent budgetThreshold(String id, URI source, Instant time, String budgetId,
      double thresholdPercent, String basis, Money spend, Money budget, Map<String, String> labels) {
    if (!(thresholdPercent > 0) || Double.isInfinite(thresholdPercent)) {
      throw new IllegalArgumentException("thresholdPercent must be a positive finite number, got " + thresholdPercent);
    }
    if (!basis.equals("actual") && !basis.equals("forecast")) {
      throw new IllegalArgumentException("basis must be 'actual' or 'forecast', got '" + basis + "'");
    }
    ObjectNode d = data(labels);
    d.put("budgetId", budgetId).put("thresholdPercent", thresholdPercent).put("basis", basis);
    d.set("spend", money(spend));
    d.set("budget", money(budget));
    return new StratusEvent(id, EventType.BUDGET_THRESHOLD, source, time, d);
  }

  /**
   * An anomaly was detected in a cost or metric series.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when it was detected
   * @param series the series, e.g. {@code cost:team=search} or a metric name
   * @param observedAt the time of the anomalous point
   * @param observed the observed value; finite
   * @param expected the expected value; finite
   * @param score the detector's anomaly score in [0, 1]
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if a value is not finite or the score is outside [0, 1]
   */
  public static StratusEvent anomalyDetected(String id, URI source, Instant time, String series, Instant observedAt,
      double observed, double expected, double score, Map<String, String> labels) {
    if (!Double.isFinite(observed) || !Double.isFinite(expected)) {
      throw new IllegalArgumentException("observed and expected must be finite, got " + observed + ", " + expected);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
    ObjectNode d = data(labels);
    d.put("series", series).put("observedAt", observedAt.toString()).put("observed", observed)
        .put("expected", expected).put("score", score).put("direction", observed >= expected ? "up" : "down");
    return new StratusEvent(id, EventType.ANOMALY_DETECTED, source, time, d);
  }

  /**
   * An alert fired or resolved, from a notification. The event id is derived from the notification key, its state
   * and its time, so that re-publishing the same notification yields the same id.
   *
   * @param source the producer
   * @param notification the alert
   * @param resolved true if the alert resolved, false if it fired
   * @return the event; never null
   */
  public static StratusEvent alert(URI source, Notification notification, boolean resolved) {
    String state = resolved ? "resolved" : "firing";
    ObjectNode d = data(notification.labels());
    d.put("alertKey", notification.key()).put("state", state)
        .put("severity", notification.severity().name().toLowerCase(java.util.Locale.ROOT))
        .put("title", notification.title()).put("body", notification.body());
    String id = "alert:" + notification.key() + ":" + state + ":" + notification.at().toEpochMilli();
    return new StratusEvent(id, EventType.ALERT, source, notification.at(), d);
  }

  /**
   * A health check changed state.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when the change was seen
   * @param component what was checked
   * @param from the previous state: {@code up}, {@code degraded}, {@code down} or {@code unknown}
   * @param to the new state, same values
   * @param detail why, one line; may be empty
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if a state is not one of the four values or from equals to
   */
  public static StratusEvent healthChanged(String id, URI source, Instant time, String component, String from,
      String to, String detail, Map<String, String> labels) {
    List<String> states = List.of("up", "degraded", "down", "unknown");
    if (!states.contains(from) || !states.contains(to) || from.equals(to)) {
      throw new IllegalArgumentException("health states must be two different values of " + states + ", got from='"
          + from + "' to='" + to + "'");
    }
    ObjectNode d = data(labels);
    d.put("component", component).put("from", from).put("to", to).put("detail", detail);
    return new StratusEvent(id, EventType.HEALTH_CHANGED, source, time, d);
  }

  /**
   * A security-relevant action.
   *
   * @param id stable event id
   * @param source the producer
   * @param time when it happened
   * @param action what happened, a dotted name such as {@code auth.login} or {@code apikey.revoked}
   * @param principal who did it; null if unknown
   * @param outcome {@code success}, {@code failure} or {@code denied}
   * @param detail one line; may be empty
   * @param labels routing labels
   * @return the event; never null
   * @throws IllegalArgumentException if the outcome is unknown
   */
  public static StratusEvent security(String id, URI source, Instant time, String action, @Nullable String principal,
      String outcome, String detail, Map<String, String> labels) {
    if (!List.of("success", "failure", "denied").contains(outcome)) {
      throw new IllegalArgumentException("outcome must be success, failure or denied, got '" + outcome + "'");
    }
    ObjectNode d = data(labels);
    d.put("action", action).put("outcome", outcome).put("detail", detail);
    if (principal != null) {
      d.put("principal", principal);
    }
    return new StratusEvent(id, EventType.SECURITY, source, time, d);
  }

  private static ObjectNode data(Map<String, String> labels) {
    ObjectNode d = JSON.objectNode();
    ObjectNode l = d.putObject("labels");
    new java.util.TreeMap<>(Objects.requireNonNull(labels, "labels")).forEach(l::put);
    return d;
  }

  private static ObjectNode money(Money m) {
    ObjectNode o = JSON.objectNode();
    o.put("amount", m.amount().toPlainString()).put("currency", m.currency().getCurrencyCode());
    return o;
  }
}
