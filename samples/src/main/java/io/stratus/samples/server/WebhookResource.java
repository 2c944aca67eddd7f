package io.stratus.samples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.adapters.webhooks.EventType;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/webhooks/subscriptions}: subscriptions of the webhook dispatcher. Thread-safe. */
final class WebhookResource {
  private final Services services;

  WebhookResource(Services services) {
    this.services = services;
  }

  Response list(Request request) {
    List<Subscription> all = services.webhooks.subscriptions().stream()
        .sorted(Comparator.comparing(Subscription::id)).toList();
    return Response.ok(Json.page(Pages.page(all, request), WebhookResource::render));
  }

  Response get(Request request) {
    return Response.ok(render(find(request.pathParam("subscriptionId"))));
  }

  Response delete(Request request) {
    String id = request.pathParam("subscriptionId");
    if (!services.webhooks.unsubscribe(id)) {
      throw ApiException.notFound("subscription", id);
    }
    return Response.noContent();
  }

  Response create(Request request) {
    ObjectNode body = Json.readObject(request);
    Fields f = new Fields();
    f.onlyKnown(body, "", Set.of("id", "endpoint", "eventTypes", "labels"));
    Optional<String> id = f.string(body, "", "id", false);
    id.filter(i -> !BudgetResource.ID.matcher(i).matches())
        .ifPresent(i -> f.reject("id", i, "must match " + BudgetResource.ID.pattern()));
    Optional<URI> endpoint = f.string(body, "", "endpoint", true).flatMap(e -> {
      try {
        URI uri = new URI(e);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return Optional.of(uri);
        }
      } catch (URISyntaxException x) {
        // reported below
      }
      f.reject("endpoint", e, "must be an absolute http or https URL with a host");
      return Optional.empty();
    });
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    List<String> typeNames = f.strings(body, "", "eventTypes");
    for (int i = 0; i < typeNames.size(); i++) {
      String t = typeNames.get(i);
      f.convert("eventTypes[" + i + "]", t, EventType::ofCeType, t).ifPresent(types::add);
    }
    Map<String, String> labels = f.labels(body, "", "labels");
    f.check();
    String subscriptionId = id.orElseGet(() -> services.newId("sub"));
    WebhookSecret secret = WebhookSecret.generate(services.random);
    Subscription s = new Subscription(subscriptionId, endpoint.orElseThrow(), types, labels, List.of(secret));
    synchronized (services.webhooks) {
      if (services.webhooks.subscriptions().stream().anyMatch(x -> x.id().equals(subscriptionId))) {
        throw ApiException.conflict("subscription '" + subscriptionId + "' already exists");
      }
      services.webhooks.subscribe(s);
    }
    ObjectNode out = render(s);
    out.put("secret", secret.reveal());
    return Response.created("/v1/webhooks/subscriptions/" + subscriptionId, out);
  }

  private Subscription find(String id) {
    return services.webhooks.subscriptions().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("subscription", id));
  }

  private static ObjectNode render(Subscription s) {
    ObjectNode n = Json.object();
    n.put("id", s.id()).put("endpoint", s.endpoint().toString());
    ArrayNode types = n.putArray("eventTypes");
    s.eventTypes().stream().sorted().map(EventType::ceType).forEach(types::add);
    n.set("labels", Json.labels(s.labelSelector()));
    return n;
  }
}
