package io.stratus.monitoring.alerting;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.util.ArrayList;
import java.util.List;

/** An in-memory channel that can be told to fail. */
final class Outbox implements NotificationChannel {
  final List<Notification> sent = new ArrayList<>();
  int failNext;

  @Override
  public String id() {
    return "outbox";
  }

  @Override
  public void send(Notification notification) {
    if (failNext > 0) {
      failNext--;
      throw new ProviderException("outbox", "down", null);
    }
    sent.add(notification);
  }
}
