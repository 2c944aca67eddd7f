package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());
  private static final URI ENDPOINT = URI.create("https://hooks.example.com/stratus");

  @Test
  void matches_filtersByTypeAndLabels() {
    Subscription budgetsOfSearch = new Subscription("s", ENDPOINT, Set.of(EventType.BUDGET_THRESHOLD),
        Map.of("team", "search"), List.of(SECRET));
    List<StratusEvent> routed = SampleEvents.all().stream().filter(budgetsOfSearch::matches).toList();
    assertThat(routed).extracting(StratusEvent::id).containsExactly("e-4");
    Subscription acme = new Subscription("s", ENDPOINT, Set.of(), Map.of("tenant", "acme"), List.of(SECRET));
    assertThat(SampleEvents.all().stream().filter(acme::matches)).extracting(StratusEvent::id).containsExactly("e-8");
    assertThat(SampleEvents.all().stream().filter(Subscription.toAll("a", ENDPOINT, SECRET)::matches))
        .hasSize(SampleEvents.all().size());
  }

  @Test
  void constructor_rejectsBadFieldsAndHidesSecrets() {
    assertThatThrownBy(() -> Subscription.toAll("a b", ENDPOINT, SECRET)).hasMessageContaining("subscription.id");
    assertThatThrownBy(() -> Subscription.toAll("a", URI.create("ftp://x/y"), SECRET))
        .hasMessageContaining("subscription.endpoint");
    assertThatThrownBy(() -> Subscription.toAll("a", URI.create("/relative"), SECRET))
        .hasMessageContaining("subscription.endpoint");
    assertThatThrownBy(() -> new Subscription("a", ENDPOINT, Set.of(), Map.of(), List.of()))
        .hasMessageContaining("subscription.secrets");
    assertThat(Subscription.toAll("a", ENDPOINT, SECRET).toString()).doesNotContain(SECRET.reveal());
  }
}
