package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.adapters.webhooks.WebhookSigner;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Posts each notification as JSON to a URL: {@code {"type": "stratus.notification", "timestamp": ..., "data": {key,
 * severity, status, title, body, labels, at}}}. With a signing secret it adds the Standard Webhooks headers: {@code
 * webhook-id} (derived from the notification, so a retry carries the same id and the receiver can de-duplicate),
 * {@code webhook-timestamp} (seconds, from the injected clock) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}. Any 2xx answer is success; 429, other statuses, timeouts and I/O errors throw {@link
 * io.stratus.ProviderException}.
 *
 * <p>Thread-safe. The URL and the secret are never logged and not in {@link #toString()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookChannel implements NotificationChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final URI url;
  private final WebhookSecret secret;
  private final HttpClient http;
  private final Duration timeout;
  private final InstantSource clock;
  private final ChannelSupport support;

  private WebhookChannel(Builder b) {
    this.id = b.id;
    this.url = b.url;
    this.secret = b.secret;
    this.timeout = b.options.timeout();
    this.clock = b.options.clock();
    this.http = b.options.http();
    this.support = b.options.support(b.id, "webhook");
  }

  /**
   * A builder.
   *
   * @param id the channel id; not blank
   * @param url where to post; http or https
   * @return a builder; never null
   * @throws IllegalArgumentException if the id is blank or the URL is not http(s)
   */
  public static Builder builder(String id, URI url) {
    return new Builder(id, url);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "JSON webhook to " + url.getHost() + (secret != null ? " (signed)" : "");
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    support.acquire();
    long timestamp = clock.instant().getEpochSecond();
    String body = payload(notification, timestamp);
    Map<String, String> headers = new LinkedHashMap<>();
    if (secret != null) {
      String msgId = messageId(notification);
      headers.put(WebhookSigner.ID_HEADER, msgId);
      headers.put(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
      headers.put(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signatureHeader(List.of(secret), msgId, timestamp,
          body.getBytes(StandardCharsets.UTF_8)));
    }
    support.postJson(http, url, body, headers, timeout);
  }

  /**
   * The delivery status.
   *
   * @return a snapshot; never null
   */
  public DeliveryStatus status() {
    return support.status();
  }

  static String payload(Notification n, long timestamp) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "stratus.notification");
    root.put("timestamp", timestamp);
    ObjectNode data = root.putObject("data");
    data.put("key", n.key());
    data.put("severity", n.severity().name());
    data.put("status", n.status().name());
    data.put("title", n.title());
    data.put("body", n.body());
    ObjectNode labels = data.putObject("labels");
    new java.util.TreeMap<>(n.labels()).forEach(labels::put);
    data.put("at", n.at().toString());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write notification JSON", e);
    }
  }

  /** A stable id for one notification: the same on every retry. */
  static String messageId(Notification n) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest((n.key() + "\n" + n.at() + "\n" + n.status() + "\n" + n.title())
          .getBytes(StandardCharsets.UTF_8));
      return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 27);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + id + ", host=" + url.getHost() + (secret != null ? ", signed" : "") + "]";
  }

  /**
   * Builds a {@link WebhookChannel}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final URI url;
    private WebhookSecret secret;
    private final DeliveryOptions options = new DeliveryOptions();

    private Builder(String id, URI url) {
      this.id = Checks.id(id);
      this.url = Checks.httpUrl(url, "url");
    }

    /**
     * Signs every request with this secret (Standard Webhooks, see {@link WebhookSecret#parse}); receivers check it
     * with {@code WebhookVerifier} from {@code stratus-webhooks}.
     *
     * @param value {@code whsec_} followed by the base64 of a 24- to 64-byte key
     * @return this builder
     * @throws IllegalArgumentException if the value is malformed (the value is not echoed)
     */
    public Builder signingSecret(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("signingSecret must not be blank");
      }
      try {
        this.secret = WebhookSecret.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signingSecret: must be 'whsec_' followed by the base64 of a 24- to 64-byte"
            + " key (value not shown)", e);
      }
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
     * The clock of the {@code webhook-timestamp} header and the delivery status; required.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      options.clock(value);
      return this;
    }

    /**
     * At most {@code perPeriod} sends per {@code period}; a send beyond it fails at once (to be retried later by the
     * caller). Default: no limit.
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
     * channel=webhook} and {@code outcome=delivered|failed|rate_limited}.
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
    public WebhookChannel build() {
      options.requireClock("WebhookChannel", id);
      return new WebhookChannel(this);
    }
  }
}
