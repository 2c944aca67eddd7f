package io.stratus.adapters.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/** The dispatcher's meters, added to once per delivery round. Thread-safe. */
final class DeliveryTelemetry {
  static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("stratus.event.id");
  static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("stratus.subscription.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("stratus.outcome");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<Long> SENT = AttributeKey.longKey("stratus.deliveries.sent");
  private static final AttributeKey<Long> DELIVERED = AttributeKey.longKey("stratus.deliveries.delivered");
  private static final AttributeKey<Long> RETRIED = AttributeKey.longKey("stratus.deliveries.retried");
  private static final AttributeKey<Long> DEAD = AttributeKey.longKey("stratus.deliveries.dead");

  private final @Nullable Counter delivered;
  private final @Nullable Counter retried;
  private final @Nullable Counter dead;
  private final @Nullable Counter postponed;

  DeliveryTelemetry(@Nullable MeterRegistry registry) {
    if (registry == null) {
      delivered = retried = dead = postponed = null;
      return;
    }
    delivered = deliveries(registry, "delivered");
    retried = deliveries(registry, "retry");
    dead = deliveries(registry, "dead");
    postponed = deliveries(registry, "postponed");
  }

  private static Counter deliveries(MeterRegistry r, String outcome) {
    return Counter.builder("stratus.webhooks.deliveries").description("webhook delivery attempts by outcome")
        .tag("outcome", outcome).register(r);
  }

  void round(Span span, DeliveryRound r) {
    add(delivered, r.delivered());
    add(retried, r.retried());
    add(dead, r.dead());
    add(postponed, r.postponed());
    span.setAttribute(SENT, (long) r.sent());
    span.setAttribute(DELIVERED, (long) r.delivered());
    span.setAttribute(RETRIED, (long) r.retried());
    span.setAttribute(DEAD, (long) r.dead());
  }

  private static void add(@Nullable Counter c, int n) {
    if (c != null && n > 0) {
      c.increment(n);
    }
  }
}
