package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The dispatcher keeps its subscriptions in the configured store and routes by what the store holds. */
class SubscriptionStoreDispatcherTest {
  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());

  @Test
  void dispatcher_routesBySubscriptionsAnotherHostSavedInTheSharedStore() {
    SubscriptionStore shared = SubscriptionStore.inMemory();
    WebhookDispatcher a = WebhookDispatcher.builder(Outbox.inMemory(), TestClock.create())
        .subscriptionStore(shared).build();
    WebhookDispatcher b = WebhookDispatcher.builder(Outbox.inMemory(), TestClock.create())
        .subscriptionStore(shared).build();
    assertThat(a.subscribe(Subscription.toAll("from-a", URI.create("https://a.example.com/h"), SECRET)).version())
        .isEqualTo(1);
    assertThat(b.subscriptions()).extracting(Subscription::id).containsExactly("from-a");
    StratusEvent event = SampleEvents.all().get(0);
    assertThat(b.publish(event).subscriptionIds()).containsExactly("from-a");
    assertThat(b.unsubscribe("from-a")).isTrue();
    assertThat(shared.list()).isEmpty();
    assertThat(a.publish(SampleEvents.all().get(1)).subscriptionIds()).isEmpty();
  }

  @Test
  void builtDispatchers_doNotShareTheDefaultStore() {
    WebhookDispatcher.Builder builder = WebhookDispatcher.builder(Outbox.inMemory(), TestClock.create());
    WebhookDispatcher first = builder.build();
    first.subscribe(Subscription.toAll("s", URI.create("https://a.example.com/h"), SECRET));
    assertThat(builder.build().subscriptions()).isEmpty();
  }
}
