package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Posts each notification to a Slack incoming webhook as a Block Kit message: a header with the rendered title, a
 * section with the rendered body (Slack {@code mrkdwn}, with {@code &}, {@code <} and {@code >} escaped), and a context
 * line with severity, status and labels; {@code text} carries a plain fallback for notifications. Long text is cut to
 * Slack's block limits (150 characters for the header, 3,000 for a section). A 2xx answer is success; 429, 4xx
 * ({@code invalid_payload}, {@code no_service}, ...), 5xx and timeouts throw {@link io.stratus.ProviderException}.
 *
 * <p>Thread-safe. The webhook URL is the secret: never logged, not in {@link #toString()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SlackChannel implements NotificationChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final URI url;
  private final MessageTemplate title;
  private final MessageTemplate body;
  private final HttpClient http;
  private final Duration timeout;
  private final ChannelSupport support;

  private SlackChannel(Builder b) {
    this.id = b.id;
    this.url = b.url;
    this.title = b.title;
    this.body = b.body;
    this.timeout = b.options.timeout();
    this.http = b.options.http();
    this.support = b.options.support(b.id, "slack");
  }

  /**
   * A builder.
   *
   * @param id the channel id; not blank
   * @param webhookUrl the incoming webhook URL (a secret)
   * @return a builder; never null
   * @throws IllegalArgumentException if the id is blank or the URL is not http(s)
   */
  public static Builder builder(String id, URI webhookUrl) {
    return new Builder(id, webhookUrl);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "Slack incoming webhook";
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    support.acquire();
    support.postJson(http, url, message(notification), Map.of(), timeout);
  }

  /**
   * The delivery status.
   *
   * @return a snapshot; never null
   */
  public DeliveryStatus status() {
    return support.status();
  }

  String message(Notification n) {
    String t = title.render(n);
    String b = body.render(n);
    ObjectNode root = JSON.createObjectNode();
    root.put("text", Checks.truncate("[" + n.severity() + "] " + t, 3000));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    ObjectNode ht = header.putObject("text");
    ht.put("type", "plain_text");
    ht.put("text", Checks.truncate(t.isBlank() ? n.key() : t, 150));
    if (!b.isBlank()) {
      ObjectNode section = blocks.addObject();
      section.put("type", "section");
      ObjectNode st = section.putObject("text");
      st.put("type", "mrkdwn");
      st.put("text", Checks.truncate(escape(b), 3000));
    }
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    ObjectNode ct = context.putArray("elements").addObject();
    ct.put("type", "mrkdwn");
    StringBuilder line = new StringBuilder("*Severity:* ").append(n.severity()).append("  *Status:* ")
        .append(n.status());
    new java.util.TreeMap<>(n.labels()).forEach((k, v) -> line.append("  `").append(escape(k)).append('=')
        .append(escape(v)).append('`'));
    ct.put("text", Checks.truncate(line.toString(), 3000));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write Slack message JSON", e);
    }
  }

  /** Slack's three control characters in mrkdwn. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public String toString() {
    return "SlackChannel[" + id + "]";
  }

  /**
   * Builds a {@link SlackChannel}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final URI url;
    private MessageTemplate title = MessageTemplate.of("{{title}}");
    private MessageTemplate body = MessageTemplate.of("{{body}}");
    private final DeliveryOptions options = new DeliveryOptions();

    private Builder(String id, URI url) {
      this.id = Checks.id(id);
      this.url = Checks.httpUrl(url, "webhookUrl");
    }

    /**
     * The header template; default {@code {{title}}}.
     *
     * @param value the template; never null
     * @return this builder
     */
    public Builder titleTemplate(MessageTemplate value) {
      this.title = Objects.requireNonNull(value, "titleTemplate");
      return this;
    }

    /**
     * The section template; default {@code {{body}}}.
     *
     * @param value the template; never null
     * @return this builder
     */
    public Builder bodyTemplate(MessageTemplate value) {
      this.body = Objects.requireNonNull(value, "bodyTemplate");
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
     * At most {@code perPeriod} sends per {@code period} (Slack allows about one message per second per webhook); a
     * send beyond it fails at once, to be retried later by the caller. Default: no limit.
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
     * channel=slack} and {@code outcome=delivered|failed|rate_limited}.
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
    public SlackChannel build() {
      options.requireClock("SlackChannel", id);
      return new SlackChannel(this);
    }
  }
}
