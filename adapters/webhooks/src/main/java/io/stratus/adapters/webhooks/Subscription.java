package io.stratus.adapters.webhooks;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where events go: an HTTP(S) endpoint, the event types it wants (empty means all), a label selector that every
 * routed event's labels must match (each entry equal; empty matches everything), and the signing secrets (one, or two
 * during a rotation: requests are then signed with both, see {@link #rotate(WebhookSecret)}).
 *
 * <p>Immutable and thread-safe; {@link #toString()} hides the secrets.
 *
 * @param id a stable, unique id; 1 to 256 characters, no whitespace
 * @param endpoint an absolute http or https URI; never null
 * @param eventTypes the types routed here; empty means every type; never null
 * @param labelSelector labels an event must carry with these exact values; never null
 * @param secrets the signing secrets, one or two; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Subscription(String id, URI endpoint, Set<EventType> eventTypes, Map<String, String> labelSelector,
    List<WebhookSecret> secrets) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a field breaks its rule
   */
  public Subscription {
    Objects.requireNonNull(id, "subscription.id");
    Objects.requireNonNull(endpoint, "subscription.endpoint");
    if (id.isBlank() || id.length() > 256 || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("subscription.id must be 1 to 256 characters without whitespace, got '" + id
          + "'");
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!endpoint.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("subscription.endpoint must be an absolute http(s) URI with a host, got "
          + endpoint);
    }
    eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "subscription.eventTypes"));
    labelSelector = Map.copyOf(Objects.requireNonNull(labelSelector, "subscription.labelSelector"));
    secrets = List.copyOf(Objects.requireNonNull(secrets, "subscription.secrets"));
    if (secrets.isEmpty() || secrets.size() > 2) {
      throw new IllegalArgumentException("subscription.secrets must hold 1 or 2 secrets (2 during a rotation), got "
          + secrets.size());
    }
  }

  /**
   * A subscription to every event with one secret.
   *
   * @param id a stable, unique id; never blank
   * @param endpoint the receiver; never null
   * @param secret the signing secret; never null
   * @return the subscription; never null
   */
  public static Subscription toAll(String id, URI endpoint, WebhookSecret secret) {
    return new Subscription(id, endpoint, Set.of(), Map.of(), List.of(secret));
  }

  /**
   * Whether an event is routed to this subscription.
   *
   * @param event the event; never null
   * @return true if its type and labels match
   */
  public boolean matches(StratusEvent event) {
    if (!eventTypes.isEmpty() && !eventTypes.contains(event.type())) {
      return false;
    }
    if (labelSelector.isEmpty()) {
      return true;
    }
    Map<String, String> labels = event.labels();
    return labelSelector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /**
   * Starts a secret rotation: the copy signs with the current secret and the new one.
   *
   * @param next the new secret; never null
   * @return the rotated copy; never null
   * @throws IllegalStateException if a rotation is already in progress (two secrets)
   */
  public Subscription rotate(WebhookSecret next) {
    if (secrets.size() != 1) {
      throw new IllegalStateException("subscription " + id + " is already rotating; call completeRotation() first");
    }
    return new Subscription(id, endpoint, eventTypes, labelSelector, List.of(secrets.get(0), next));
  }

  /**
   * Ends a secret rotation: the copy signs with the newer secret only.
   *
   * @return the copy with one secret; never null
   * @throws IllegalStateException if no rotation is in progress
   */
  public Subscription completeRotation() {
    if (secrets.size() != 2) {
      throw new IllegalStateException("subscription " + id + " is not rotating");
    }
    return new Subscription(id, endpoint, eventTypes, labelSelector, List.of(secrets.get(1)));
  }

  @Override
  public String toString() {
    return "Subscription[id=" + id + ", endpoint=" + endpoint + ", eventTypes=" + eventTypes + ", labelSelector="
        + labelSelector + ", secrets=" + secrets.size() + " redacted]";
  }
}
