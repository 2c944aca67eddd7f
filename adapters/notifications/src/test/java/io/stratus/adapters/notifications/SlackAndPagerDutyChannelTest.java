package io.stratus.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.Notification.Status;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackAndPagerDutyChannelTest {
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StubServer server;

  SlackAndPagerDutyChannelTest() throws Exception {
    server = new StubServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Notification n(Status status, String body) {
    return new Notification("alertgroup:disk", Severity.WARNING, "Disk <full>", body, Map.of("team", "infra"), AT,
        status);
  }

  @Test
  void slack_postsBlockKitWithTemplatesAndEscaping() throws Exception {
    SlackChannel c = SlackChannel.builder("slack", server.uri("/services/T000/B000/XXXXSECRET")).clock(InstantSource.system())
        .titleTemplate(MessageTemplate.of("{{severity}}: {{title}} ({{label:team}})")).build();
    c.send(n(Status.OPEN, "a & b <c>"));
    JsonNode m = JSON.readTree(server.requests.get(0).body());
    assertThat(m.path("text").asText()).isEqualTo("[WARNING] WARNING: Disk <full> (infra)");
    JsonNode blocks = m.path("blocks");
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("WARNING: Disk <full> (infra)");
    assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("a &amp; b &lt;c&gt;");
    assertThat(blocks.get(2).path("type").asText()).isEqualTo("context");
    assertThat(blocks.get(2).path("elements").get(0).path("text").asText()).contains("`team=infra`");
    assertThat(c.toString()).doesNotContain("SECRET");
  }

  @Test
  void slack_emptyBodyHasNoSection_longTitleIsCutToTheHeaderLimit() throws Exception {
    SlackChannel c = SlackChannel.builder("slack", server.uri("/s")).clock(InstantSource.system())
        .titleTemplate(MessageTemplate.of("{{title}}" + "x".repeat(200))).build();
    c.send(n(Status.OPEN, ""));
    JsonNode blocks = JSON.readTree(server.requests.get(0).body()).path("blocks");
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).path("text").path("text").asText()).hasSize(150);
  }

  @Test
  void slack_invalidPayloadAndServerErrors_throw() {
    SlackChannel c = SlackChannel.builder("slack", server.uri("/services/XXXXSECRET")).clock(InstantSource.system()).build();
    server.enqueue(StubServer.Response.of(400, "invalid_payload"));
    assertThatThrownBy(() -> c.send(n(Status.OPEN, "b"))).isInstanceOf(ProviderException.class)
        .hasMessageContaining("HTTP 400: invalid_payload").hasMessageNotContaining("SECRET");
    server.enqueue(StubServer.Response.of(500, ""));
    assertThatThrownBy(() -> c.send(n(Status.OPEN, "b"))).isInstanceOf(ProviderException.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void pagerDuty_triggerAcknowledgeResolve_shareTheDedupKey() throws Exception {
    server.enqueue(StubServer.Response.of(202, "{\"status\":\"success\"}"));
    PagerDutyChannel c = PagerDutyChannel.builder("pd", "R0UT1NGK3Y").clock(InstantSource.system()).endpoint(server.uri("/v2/enqueue"))
        .source("stratus-test").build();
    c.send(n(Status.OPEN, "details"));
    c.send(n(Status.ACKNOWLEDGED, ""));
    c.send(n(Status.RESOLVED, ""));
    JsonNode trigger = JSON.readTree(server.requests.get(0).body());
    assertThat(trigger.path("routing_key").asText()).isEqualTo("R0UT1NGK3Y");
    assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.path("dedup_key").asText()).isEqualTo("alertgroup:disk");
    JsonNode payload = trigger.path("payload");
    assertThat(payload.path("summary").asText()).isEqualTo("Disk <full>");
    assertThat(payload.path("severity").asText()).isEqualTo("warning");
    assertThat(payload.path("source").asText()).isEqualTo("stratus-test");
    assertThat(payload.path("timestamp").asText()).isEqualTo("2026-01-05T12:00:00Z");
    assertThat(payload.path("custom_details").path("labels").path("team").asText()).isEqualTo("infra");
    JsonNode ack = JSON.readTree(server.requests.get(1).body());
    assertThat(ack.path("event_action").asText()).isEqualTo("acknowledge");
    assertThat(ack.path("dedup_key").asText()).isEqualTo("alertgroup:disk");
    assertThat(ack.has("payload")).isFalse();
    assertThat(JSON.readTree(server.requests.get(2).body()).path("event_action").asText()).isEqualTo("resolve");
    assertThat(c.status().delivered()).isEqualTo(3);
  }

  @Test
  void pagerDuty_errorsNeverShowTheRoutingKey() {
    PagerDutyChannel c = PagerDutyChannel.builder("pd", "R0UT1NGK3Y").clock(InstantSource.system()).endpoint(server.uri("/v2/enqueue")).build();
    server.enqueue(StubServer.Response.of(429, "{\"status\":\"throttle event\"}"));
    assertThatThrownBy(() -> c.send(n(Status.OPEN, "b"))).isInstanceOf(ProviderException.class)
        .hasMessageContaining("429").hasMessageNotContaining("R0UT1NGK3Y");
    assertThat(c.toString()).doesNotContain("R0UT1NGK3Y");
    assertThat(c.description()).doesNotContain("R0UT1NGK3Y");
  }

  @Test
  void template_unknownPlaceholder_isRejectedNamingIt() {
    assertThatThrownBy(() -> MessageTemplate.of("{{titel}}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[titel]");
    assertThat(MessageTemplate.of("{{ severityLower }}/{{label:none}}/{{labels}}")
        .render(n(Status.OPEN, ""))).isEqualTo("warning//team=infra");
  }
}
