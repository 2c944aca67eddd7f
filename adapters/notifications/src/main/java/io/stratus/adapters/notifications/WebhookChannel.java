package io.stratus.adapters.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
  private static final String WHSEC = "whsec_";

  private final String id;
  private final URI url;
  private final byte[] secret;
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
    this.support = b.options.support(b.id);
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
      headers.put("webhook-id", msgId);
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", "v1," + sign(secret, msgId, timestamp, body));
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

  /** The Standard Webhooks v1 signature: base64 HMAC-SHA256 of {@code id.timestamp.body}. */
  static String sign(byte[] key, String msgId, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sig = mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
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
    private byte[] secret;
    private final DeliveryOptions options = new DeliveryOptions();

    private Builder(String id, URI url) {
      this.id = Checks.id(id);
      this.url = Checks.httpUrl(url, "url");
    }

    /**
     * Signs every request with this secret, in the Standard Webhooks format {@code whsec_<base64 key>} (a value
     * without the prefix is taken as the raw key's UTF-8 bytes).
     *
     * @param value the secret; not blank
     * @return this builder
     * @throws IllegalArgumentException if blank or the base64 part is malformed (the value is not echoed)
     */
    public Builder signingSecret(String value) {
      this.secret = decodeSecret(value);
      return this;
    }

    static byte[] decodeSecret(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("signingSecret must not be blank");
      }
      if (value.startsWith(WHSEC)) {
        try {
          return Base64.getDecoder().decode(value.substring(WHSEC.length()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("signingSecret: the part after 'whsec_' must be base64 (value not shown)");
        }
      }
      return value.getBytes(StandardCharsets.UTF_8);
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
