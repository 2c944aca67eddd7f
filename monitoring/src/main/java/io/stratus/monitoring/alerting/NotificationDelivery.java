package io.stratus.monitoring.alerting;

import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification delivery of an {@link AlertEngine}: sends each notification through every channel, keeps the failed
 * deliveries for a retry at the next tick, and counts both. Grouping, silencing and rendering decide what is sent;
 * this class only sends it.
 *
 * <p>Not thread-safe: the engine calls it under its lock.
 */
final class NotificationDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private record PendingDelivery(NotificationChannel channel, Notification notification) {}

  private final List<NotificationChannel> channels;
  private final Deque<PendingDelivery> retries = new ArrayDeque<>();
  private long sent;
  private long failures;

  NotificationDelivery(List<NotificationChannel> channels) {
    this.channels = List.copyOf(channels);
  }

  /** Sends through every channel; a channel that throws is logged and retried at the next {@link #retry()}. */
  void deliver(Notification n) {
    for (NotificationChannel c : channels) {
      try {
        c.send(n);
        sent++;
      } catch (RuntimeException e) {
        failures++;
        retries.addLast(new PendingDelivery(c, n));
        LOG.warn("notification channel '{}' failed; will retry at the next tick", c.id(), e);
      }
    }
  }

  /** Retries every delivery that failed before this call, once each. */
  void retry() {
    int n = retries.size();
    for (int i = 0; i < n; i++) {
      PendingDelivery d = retries.pollFirst();
      try {
        d.channel().send(d.notification());
        sent++;
      } catch (RuntimeException e) {
        failures++;
        retries.addLast(d);
      }
    }
  }

  /** Deliveries that succeeded, all channels counted. */
  long sent() {
    return sent;
  }

  /** Delivery attempts that failed, retries included. */
  long failures() {
    return failures;
  }

  /** Deliveries waiting for a retry. */
  int pending() {
    return retries.size();
  }
}
