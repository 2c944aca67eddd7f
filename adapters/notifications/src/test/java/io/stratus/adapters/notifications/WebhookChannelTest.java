package io.stratus.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.ProviderException;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.adapters.webhooks.WebhookVerifier;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final Notification N = new Notification("alertgroup:x", Severity.CRITICAL, "Disk full",
      "vm-1 at 99%", Map.of("team", "infra"), AT);
  private final StubServer server;

  WebhookChannelTest() throws Exception {
    server = new StubServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private WebhookChannel.Builder channel() {
    return WebhookChannel.builder("hook", server.uri("/hooks/s3cr3t-path")).clock(InstantSource.system()).clock(InstantSource.fixed(AT));
  }

  @Test
  void send_signed_carriesStandardWebhooksHeadersThatVerify() throws Exception {
    channel().signingSecret(SECRET).build().send(N);
    StubServer.Request r = server.requests.get(0);
    String id = r.header("webhook-id");
    String ts = r.header("webhook-timestamp");
    assertThat(ts).isEqualTo(Long.toString(AT.getEpochSecond()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal((id + "." + ts + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.header("webhook-signature")).isEqualTo("v1," + expected);
    // a receiver using stratus-webhooks' verifier accepts it
    assertThat(WebhookVerifier.create(List.of(WebhookSecret.parse(SECRET)), WebhookVerifier.DEFAULT_TOLERANCE,
        InstantSource.fixed(AT)).verify(id, ts, r.header("webhook-signature"),
        r.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(id);
    JsonNode json = new ObjectMapper().readTree(r.body());
    assertThat(json.path("type").asText()).isEqualTo("stratus.notification");
    assertThat(json.path("data").path("title").asText()).isEqualTo("Disk full");
    assertThat(json.path("data").path("status").asText()).isEqualTo("OPEN");
    assertThat(json.path("data").path("labels").path("team").asText()).isEqualTo("infra");
    assertThat(r.header("content-type")).startsWith("application/json");
  }

  @Test
  void send_retry_keepsTheSameWebhookId_unsignedHasNoSignatureHeaders() {
    WebhookChannel signed = channel().signingSecret(SECRET).build();
    signed.send(N);
    signed.send(N);
    assertThat(server.requests.get(0).header("webhook-id")).isEqualTo(server.requests.get(1).header("webhook-id"))
        .startsWith("msg_");
    channel().build().send(N);
    assertThat(server.requests.get(2).header("webhook-signature")).isNull();
  }

  @Test
  void send_429_5xx_timeout_throwProviderExceptionWithoutTheUrl() {
    WebhookChannel c = channel().timeout(Duration.ofMillis(300)).build();
    server.enqueue(new StubServer.Response(429, "", Map.of("Retry-After", "30"), null));
    assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("429").hasMessageContaining("Retry-After 30").hasMessageNotContaining("s3cr3t");
    server.enqueue(StubServer.Response.of(503, "maintenance"));
    assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class).hasMessageContaining("HTTP 503")
        .hasMessageNotContaining("s3cr3t");
    CountDownLatch hold = new CountDownLatch(1);
    server.enqueue(new StubServer.Response(200, "", Map.of(), hold));
    try {
      assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class).hasMessageContaining("timeout");
    } finally {
      hold.countDown();
    }
    DeliveryStatus st = c.status();
    assertThat(st.failed()).isEqualTo(3);
    assertThat(st.rateLimited()).isEqualTo(1);
    assertThat(st.lastOutcome()).get().asString().contains("timeout");
    c.send(N);
    assertThat(c.status().delivered()).isEqualTo(1);
    assertThat(c.status().lastOutcome()).contains("HTTP 200");
  }

  @Test
  void rateLimit_beyondTheLimit_failsFastAndIsCounted() {
    WebhookChannel c = channel().rateLimit(2, Duration.ofHours(1)).build();
    c.send(N);
    c.send(N);
    assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class).hasMessageContaining("rate limit");
    assertThat(server.requests).hasSize(2);
    assertThat(c.status().rateLimited()).isEqualTo(1);
  }

  @Test
  void rateLimit_windowsFollowTheInjectedClock_notTheWallClock() {
    io.stratus.testkit.ControllableClock clock = io.stratus.testkit.ControllableClock.at(AT);
    WebhookChannel c = WebhookChannel.builder("hook", server.uri("/hooks/x")).clock(clock)
        .rateLimit(2, Duration.ofMinutes(1)).build();
    c.send(N);
    c.send(N);
    assertThatThrownBy(() -> c.send(N)).hasMessageContaining("rate limit");
    // virtual time moves on by one period: a new window, although no real time has passed
    clock.advance(Duration.ofMinutes(1));
    c.send(N);
    c.send(N);
    assertThatThrownBy(() -> c.send(N)).hasMessageContaining("rate limit");
    // 59 s later is still the same window
    clock.advance(Duration.ofSeconds(59));
    assertThatThrownBy(() -> c.send(N)).hasMessageContaining("rate limit");
    clock.advance(Duration.ofSeconds(1));
    c.send(N);
    assertThat(server.requests).hasSize(5);
    assertThat(c.status().rateLimited()).isEqualTo(3);
  }

  @Test
  void secrets_areNotInToStringOrDescription() {
    WebhookChannel c = channel().signingSecret(SECRET).build();
    assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain(SECRET).contains("signed");
    assertThat(c.description()).doesNotContain("s3cr3t");
    assertThatThrownBy(() -> WebhookChannel.builder("h", server.uri("/x")).clock(InstantSource.system()).signingSecret("whsec_!!notbase64!!"))
        .hasMessageNotContaining("notbase64");
    String tooShort = "whsec_" + Base64.getEncoder().encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> channel().signingSecret(tooShort)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24- to 64-byte").hasMessageNotContaining("s3cr3t").hasMessageNotContaining(tooShort);
  }
}
