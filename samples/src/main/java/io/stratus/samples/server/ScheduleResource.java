package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.adapters.webhooks.Events;
import io.stratus.finops.budget.BudgetPlacementFilter;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.EnhancedScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /v1/schedules}: placement requests. The enhanced scheduler places each batch from the bundled catalog,
 * with the budgets' placement controls as a filter; the plans are kept in memory. Thread-safe.
 */
final class ScheduleResource {
  static final int MAX_WORKLOADS = 1_000;
  private static final Set<String> WORKLOAD_FIELDS = Set.of("id", "vcpus", "memoryGib", "expectedDuration", "labels",
      "allowedJurisdictions", "allowedProviders");
  private final Services services;
  private final Map<String, JsonNode> plans = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();

  ScheduleResource(Services services) {
    this.services = services;
  }

  Response create(Request request) {
    ObjectNode body = Json.readObject(request);
    Fields f = new Fields();
    f.onlyKnown(body, "", Set.of("workloads", "tradeOff"));
    double tradeOff = f.number(body, "", "tradeOff", false, 0, false, 1).orElse(0.3);
    JsonNode list = body.get("workloads");
    List<Workload> workloads = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_WORKLOADS) {
      f.reject("workloads", list, "must be an array of 1 to " + MAX_WORKLOADS + " workloads");
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "workloads[" + i + "]";
        workload(list.get(i), path, f).ifPresent(w -> {
          if (ids.add(w.id())) {
            workloads.add(w);
          } else {
            f.reject(path + ".id", w.id(), "must be unique within the request");
          }
        });
      }
    }
    f.check();
    EnhancedScheduler scheduler = EnhancedScheduler.builder()
        .pricing(services.catalog)
        .clock(services.clock)
        .filter(BudgetPlacementFilter.of(services.budgets, "reference-server"))
        .tradeOff(tradeOff)
        .build();
    PlacementPlan plan = scheduler.placeAll(workloads);
    Instant now = services.clock.instant();
    String id = services.newId("sched");
    ObjectNode rendered = render(id, now, plan);
    synchronized (order) {
      plans.put(id, rendered);
      order.add(id);
    }
    publish(plan, workloads, now);
    return Response.created("/v1/schedules/" + id, rendered);
  }

  private void publish(PlacementPlan plan, List<Workload> workloads, Instant now) {
    Map<String, Map<String, String>> labels = new java.util.HashMap<>();
    workloads.forEach(w -> labels.put(w.id(), w.labels()));
    for (PlacementPlan.Assignment a : plan.assignments()) {
      Candidate c = a.candidate();
      services.publish(Events.workloadPlaced(services.eventId("placed"), services.source, now, a.workloadId(),
          c.region().provider().id(), c.region().id(), c.instanceType().name(), c.hourlyPrice(),
          labels.getOrDefault(a.workloadId(), Map.of())));
    }
    for (Decision d : plan.unschedulable()) {
      List<String> reasons = d.reasons().isEmpty() ? List.of("no candidate passed the filters") : d.reasons();
      services.publish(Events.workloadUnschedulable(services.eventId("unschedulable"), services.source, now,
          d.workloadId(), reasons, labels.getOrDefault(d.workloadId(), Map.of())));
    }
  }

  private static Optional<Workload> workload(JsonNode node, String path, Fields f) {
    if (!node.isObject()) {
      f.reject(path, node, "must be an object");
      return Optional.empty();
    }
    ObjectNode o = (ObjectNode) node;
    String p = path + ".";
    f.onlyKnown(o, p, WORKLOAD_FIELDS);
    Optional<String> id = f.string(o, p, "id", true);
    Optional<Double> vcpus = f.number(o, p, "vcpus", true, 0, true, 1024);
    Optional<Double> memory = f.number(o, p, "memoryGib", true, 0, true, 32768);
    Optional<Duration> duration = f.string(o, p, "expectedDuration", false).flatMap(t -> {
      try {
        return Optional.of(Fields.duration(p + "expectedDuration", t));
      } catch (ApiException e) {
        f.reject(p + "expectedDuration", t, "must be a positive ISO 8601 duration, e.g. PT4H");
        return Optional.empty();
      }
    });
    Map<String, String> labels = f.labels(o, p, "labels");
    List<Jurisdiction> jurisdictions = new ArrayList<>();
    List<String> js = f.strings(o, p, "allowedJurisdictions");
    for (int i = 0; i < js.size(); i++) {
      f.convert(p + "allowedJurisdictions[" + i + "]", js.get(i), Jurisdiction::new, js.get(i))
          .ifPresent(jurisdictions::add);
    }
    List<CloudProvider> providers = new ArrayList<>();
    List<String> ps = f.strings(o, p, "allowedProviders");
    for (int i = 0; i < ps.size(); i++) {
      f.convert(p + "allowedProviders[" + i + "]", ps.get(i), CloudProvider::of, ps.get(i)).ifPresent(providers::add);
    }
    if (id.isEmpty() || vcpus.isEmpty() || memory.isEmpty() || !f.ok()) {
      return Optional.empty();
    }
    return f.convert(p + "id", id.get(), x -> {
      Workload.Builder b = Workload.builder(x).demand(ResourceDemand.of(vcpus.get(), memory.get())).labels(labels);
      duration.ifPresent(b::expectedDuration);
      ComplianceRequirements.Builder c = ComplianceRequirements.builder();
      if (!jurisdictions.isEmpty()) {
        c.allowedJurisdictions(jurisdictions);
      }
      if (!providers.isEmpty()) {
        c.allowedProviders(providers);
      }
      return b.compliance(c.build()).build();
    }, id.get());
  }

  private static ObjectNode render(String id, Instant at, PlacementPlan plan) {
    ObjectNode n = Json.object();
    n.put("id", id).put("createdAt", at.toString()).put("method", plan.method());
    ArrayNode assignments = n.putArray("assignments");
    for (PlacementPlan.Assignment a : plan.assignments()) {
      Candidate c = a.candidate();
      ObjectNode o = assignments.addObject();
      o.put("workloadId", a.workloadId()).put("targetId", a.targetId()).put("provider", c.region().provider().id())
          .put("region", c.region().id()).put("instanceType", c.instanceType().name())
          .put("purchaseOption", c.purchaseOption().name());
      o.set("hourlyPrice", Json.money(c.hourlyPrice()));
    }
    ArrayNode unschedulable = n.putArray("unschedulable");
    for (Decision d : plan.unschedulable()) {
      ObjectNode o = unschedulable.addObject();
      o.put("workloadId", d.workloadId());
      List<String> reasons = d.reasons().isEmpty() ? List.of("no candidate passed the filters") : d.reasons();
      o.set("reasons", Json.strings(reasons));
    }
    n.set("totalHourlyCost", Json.money(plan.totalHourlyCost()));
    return n;
  }

  Response list(Request request) {
    List<JsonNode> all;
    synchronized (order) {
      all = order.stream().map(plans::get).toList();
    }
    return Response.ok(Json.page(Pages.page(all, request), x -> x));
  }

  Response get(Request request) {
    String id = request.pathParam("scheduleId");
    JsonNode plan = plans.get(id);
    if (plan == null) {
      throw ApiException.notFound("schedule", id);
    }
    return Response.ok(plan);
  }
}
