package io.stratus.security.threat;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notification channel that keeps what it is sent, or fails every delivery. */
final class RecordingChannel implements NotificationChannel {
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final String id;
  private final boolean failing;

  RecordingChannel(String id, boolean failing) {
    this.id = id;
    this.failing = failing;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(Notification notification) {
    if (failing) {
      throw new ProviderException(id, "pager unreachable", null);
    }
    sent.add(notification);
  }
}
