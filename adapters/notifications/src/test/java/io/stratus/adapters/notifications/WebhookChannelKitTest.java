package io.stratus.adapters.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.testkit.NotificationChannelCompatibilityKit;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;

/** The SPI compatibility kit against a local HTTP server; delivered notifications are read back from the JSON. */
class WebhookChannelKitTest extends NotificationChannelCompatibilityKit {
  private final StubServer ok;
  private final StubServer failing;

  WebhookChannelKitTest() throws java.io.IOException {
    ok = new StubServer();
    failing = new StubServer(StubServer.Response.of(503, "down"));
  }

  @AfterEach
  void stop() {
    ok.close();
    failing.close();
  }

  @Override
  protected NotificationChannel createProvider() {
    return WebhookChannel.builder("webhook-kit", ok.uri("/hook")).clock(InstantSource.system()).signingSecret("whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").build();
  }

  @Override
  protected Optional<NotificationChannel> createFailingProvider() {
    return Optional.of(WebhookChannel.builder("webhook-failing", failing.uri("/hook")).clock(InstantSource.system()).build());
  }

  @Override
  protected Optional<List<Notification>> delivered() {
    ObjectMapper m = new ObjectMapper();
    List<Notification> out = new ArrayList<>();
    for (StubServer.Request r : ok.requests) {
      try {
        JsonNode d = m.readTree(r.body()).path("data");
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : d.path("labels").properties()) {
          labels.put(e.getKey(), e.getValue().asText());
        }
        out.add(new Notification(d.path("key").asText(), Notification.Severity.valueOf(d.path("severity").asText()),
            d.path("title").asText(), d.path("body").asText(), labels, Instant.parse(d.path("at").asText()),
            Notification.Status.valueOf(d.path("status").asText())));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(out);
  }
}
