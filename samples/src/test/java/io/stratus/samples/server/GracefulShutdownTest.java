package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.webhooks.EventType;
import io.stratus.security.authz.Permission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown drains: readiness turns to 503 while requests are still served, and close() delivers due webhooks. */
class GracefulShutdownTest {
  @TempDir
  Path dir;

  @Test
  void close_afterBeginShutdown_deliversEveryDueWebhook() {
    InstantSource clock = Fixtures.clock();
    // The delivery loop first runs an hour after start: only close() can deliver what is published here.
    ReferenceServer server = ReferenceServer.builder().port(0).dataDirectory(dir).clock(clock)
        .shutdownGrace(Duration.ofSeconds(2))
        .deliveryInterval(Duration.ofHours(1)).start();
    ApiClient api = new ApiClient(server.baseUri(), OpenApiContract.load());
    String key = server.issueKey("ops", "admin", Set.of(Permission.parse("*:*")), Duration.ofHours(1)).token();
    try (Fixtures.Receiver receiver = new Fixtures.Receiver(clock)) {
      ApiClient.Reply sub = api.post("/v1/webhooks/subscriptions", key, "{\"endpoint\":\"" + receiver.endpoint()
          + "\",\"eventTypes\":[\"" + EventType.SCHEDULING_DECISION.ceType() + "\"]}");
      receiver.trust(sub.json().get("secret").asText());
      assertThat(api.post("/v1/schedules", key, "{\"workloads\":[{\"id\":\"w1\",\"vcpus\":2,\"memoryGib\":4},"
          + "{\"id\":\"w2\",\"vcpus\":2,\"memoryGib\":8}]}").status()).isEqualTo(201);

      server.beginShutdown();
      assertThat(api.get("/health/ready", null).status()).isEqualTo(503);
      assertThat(api.get("/health/live", null).status()).isEqualTo(200);
      assertThat(api.get("/v1/schedules", key).status()).as("still serving while draining").isEqualTo(200);
      assertThat(receiver.events).as("nothing delivered before close").isEmpty();

      server.close();
      assertThat(receiver.events).extracting(e -> e.data().get("workloadId").asText())
          .containsExactlyInAnyOrder("w1", "w2");
      assertThat(receiver.rejected).isEmpty();
      server.close();
    }
  }
}
