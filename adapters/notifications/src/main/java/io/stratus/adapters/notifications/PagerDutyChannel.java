package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Sends notifications to PagerDuty Events API v2: an {@linkplain Notification.Status#OPEN open} notification
 * triggers an alert, an acknowledged one acknowledges it and a resolved one resolves it, all with the notification's
 * key as {@code dedup_key} (so one Stratus alert group is one PagerDuty alert). Triggers carry the rendered summary,
 * the source, the severity ({@code critical}, {@code warning} or {@code info}), the timestamp and the body and labels
 * as custom details. A 2xx answer is success; 429, 400 (invalid event), 5xx and timeouts throw {@link
 * io.stratus.ProviderException}.
 *
 * <p>Thread-safe. The routing key is the secret: never logged, not in {@link #toString()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PagerDutyChannel implements NotificationChannel {
  /** The Events API v2 endpoint. */
  public static final URI EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final String routingKey;
  private final URI endpoint;
  private final String source;
  private final MessageTemplate summary;
  private final HttpClient http;
  private final Duration timeout;
  private final ChannelSupport support;

  private PagerDutyChannel(Builder b) {
    this.id = b.id;
    this.routingKey = b.routingKey;
    this.endpoint = b.endpoint;
    this.source = b.source;
    this.summary = b.summary;
    this.timeout = b.options.timeout();
    this.http = b.options.http();
    this.support = b.options.support(b.id, "pagerduty");
  }

  /**
   * A builder.
   *
   * @param id the channel id; not blank
   * @param routingKey the integration's routing key (a secret); not blank
   * @return a builder; never null
   * @throws IllegalArgumentException if a value is blank
   */
  public static Builder builder(String id, String routingKey) {
    return new Builder(id, routingKey);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "PagerDuty Events v2 at " + endpoint.getHost();
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    support.acquire();
    support.postJson(http, endpoint, event(notification), Map.of(), timeout);
  }

  /**
   * The delivery status.
   *
   * @return a snapshot; never null
   */
  public DeliveryStatus status() {
    return support.status();
  }

  String event(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("routing_key", routingKey);
    String action = switch (n.status()) {
      case OPEN -> "trigger";
      case ACKNOWLEDGED -> "acknowledge";
      case RESOLVED -> "resolve";
    };
    root.put("event_action", action);
    root.put("dedup_key", Checks.truncate(n.key(), 255));
    if (n.status() == Notification.Status.OPEN) {
      ObjectNode payload = root.putObject("payload");
      String s = summary.render(n);
      payload.put("summary", Checks.truncate(s.isBlank() ? n.key() : s, 1024));
      payload.put("source", source);
      payload.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
      payload.put("timestamp", n.at().toString());
      ObjectNode details = payload.putObject("custom_details");
      details.put("body", n.body());
      ObjectNode labels = details.putObject("labels");
      new java.util.TreeMap<>(n.labels()).forEach(labels::put);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write PagerDuty event JSON", e);
    }
  }

  @Override
  public String toString() {
    return "PagerDutyChannel[" + id + ", endpoint=" + endpoint.getHost() + "]";
  }

  /**
   * Builds a {@link PagerDutyChannel}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final String routingKey;
    private URI endpoint = EVENTS_V2;
    private String source = "stratus";
    private MessageTemplate summary = MessageTemplate.of("{{title}}");
    private final DeliveryOptions options = new DeliveryOptions();

    private Builder(String id, String routingKey) {
      this.id = Checks.id(id);
      if (routingKey == null || routingKey.isBlank()) {
        throw new IllegalArgumentException("routingKey must not be blank");
      }
      this.routingKey = routingKey;
    }

    /**
     * The endpoint; default {@link #EVENTS_V2}.
     *
     * @param value an http(s) URL
     * @return this builder
     */
    public Builder endpoint(URI value) {
      this.endpoint = Checks.httpUrl(value, "endpoint");
      return this;
    }

    /**
     * The {@code payload.source} of triggers; default {@code stratus}.
     *
     * @param value not blank
     * @return this builder
     */
    public Builder source(String value) {
      this.source = Checks.nonBlank(value, "source");
      return this;
    }

    /**
     * The summary template; default {@code {{title}}}.
     *
     * @param value the template; never null
     * @return this builder
     */
    public Builder summaryTemplate(MessageTemplate value) {
      this.summary = Objects.requireNonNull(value, "summaryTemplate");
      return this;
    }

    /**
     * The HTTP client; default a new one with the timeout as connect timeout and no redirects.
     *
     * @param value the client; never null
     * @return this builder
     */
    public Builder httpClient(HttpClient value) {
      options.httpClient(value);
      return this;
    }

    /**
     * The request timeout; default 10 seconds.
     *
     * @param value positive
     * @return this builder
     */
    public Builder timeout(Duration value) {
      options.timeout(value);
      return this;
    }

    /**
     * The clock of the delivery status; required.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      options.clock(value);
      return this;
    }

    /**
     * At most {@code perPeriod} sends per {@code period}; a send beyond it fails at once, to be retried later by the
     * caller. Default: no limit.
     *
     * @param perPeriod at least 1
     * @param period positive
     * @return this builder
     */
    public Builder rateLimit(int perPeriod, Duration period) {
      options.rateLimit(perPeriod, period);
      return this;
    }

    /**
     * Counts sends in the host's registry (default: none): {@code stratus.notifications.deliveries} with {@code
     * channel=pagerduty} and {@code outcome=delivered|failed|rate_limited}.
     *
     * @param value the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      options.meterRegistry(value);
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return a new channel; never null
     * @throws IllegalStateException if no clock was set
     */
    public PagerDutyChannel build() {
      options.requireClock("PagerDutyChannel", id);
      return new PagerDutyChannel(this);
    }
  }
}
