package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetPeriod;
import io.stratus.finops.budget.BudgetStatus;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /v1/budgets}: budgets and their status over the budget manager. Thread-safe. */
final class BudgetResource {
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");
  private static final Set<String> FIELDS = Set.of("name", "scope", "amount", "period", "thresholds",
      "approverRoles");
  private final Services services;

  BudgetResource(Services services) {
    this.services = services;
  }

  Response list(Request request) {
    List<Budget> all = services.budgets.budgets().stream().sorted(Comparator.comparing(Budget::id)).toList();
    return Response.ok(Json.page(Pages.page(all, request), this::render));
  }

  Response get(Request request) {
    String id = request.pathParam("budgetId");
    return Response.ok(render(find(id)));
  }

  Response delete(Request request) {
    String id = request.pathParam("budgetId");
    if (!services.budgets.remove(id)) {
      throw ApiException.notFound("budget", id);
    }
    return Response.noContent();
  }

  Response put(Request request) {
    String id = request.pathParam("budgetId");
    if (!ID.matcher(id).matches()) {
      throw ApiException.invalid("budgetId", id, "must match " + ID.pattern());
    }
    ObjectNode body = Json.readObject(request);
    Fields f = new Fields();
    f.onlyKnown(body, "", FIELDS);
    CostScope scope = CostScope.total();
    JsonNode scopeNode = body.get("scope");
    if (scopeNode != null && !scopeNode.isNull()) {
      for (Map.Entry<String, String> e : f.labels(body, "", "scope").entrySet()) {
        Optional<Dimension> d = CostResource.dimension(e.getKey());
        if (d.isPresent()) {
          scope = scope.and(d.get(), e.getValue());
        } else {
          f.reject("scope." + e.getKey(), e.getValue(), "the key " + CostResource.dimensionRule());
        }
      }
    }
    Budget.Builder b = Budget.builder(id, scope);
    f.string(body, "", "name", false).ifPresent(b::name);
    JsonNode amount = body.get("amount");
    if (amount == null || !amount.isObject()) {
      f.reject("amount", amount, amount == null ? "is required" : "must be an object {amount, currency}");
    } else {
      Optional<BigDecimal> value = f.decimal(amount.get("amount"), "amount.amount");
      Optional<String> currency = f.string((ObjectNode) amount, "amount.", "currency", true);
      if (value.isPresent() && currency.isPresent()) {
        f.convert("amount", amount, c -> Money.of(value.get().toPlainString(), c), currency.get()).ifPresent(m -> {
          if (m.amount().signum() <= 0) {
            f.reject("amount.amount", amount.get("amount"), "must be positive");
          } else {
            b.amount(m);
          }
        });
      }
    }
    String period = f.string(body, "", "period", false).orElse("MONTHLY");
    switch (period) {
      case "MONTHLY" -> b.period(BudgetPeriod.monthly());
      case "QUARTERLY" -> b.period(BudgetPeriod.quarterly());
      case "ANNUAL" -> b.period(BudgetPeriod.annual());
      default -> f.reject("period", period, "must be one of MONTHLY, QUARTERLY, ANNUAL");
    }
    JsonNode thresholds = body.get("thresholds");
    if (thresholds != null && !thresholds.isNull()) {
      if (!thresholds.isArray()) {
        f.reject("thresholds", thresholds, "must be an array");
      } else {
        for (int i = 0; i < thresholds.size(); i++) {
          threshold(thresholds.get(i), "thresholds[" + i + "]", f).ifPresent(b::threshold);
        }
      }
    }
    List<String> roles = f.strings(body, "", "approverRoles");
    f.check();
    if (!roles.isEmpty()) {
      b.approverRoles(roles);
    }
    Budget budget;
    try {
      budget = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ApiException.invalid("body", null, e.getMessage() == null ? "is not a valid budget" : e.getMessage());
    }
    boolean existed = services.budgets.budgets().stream().anyMatch(x -> x.id().equals(id));
    services.budgets.put(budget);
    ObjectNode rendered = render(budget);
    return existed ? Response.ok(rendered) : Response.created("/v1/budgets/" + id, rendered);
  }

  private static Optional<Threshold> threshold(JsonNode node, String path, Fields f) {
    if (!node.isObject()) {
      f.reject(path, node, "must be an object {basis, percent, action}");
      return Optional.empty();
    }
    ObjectNode o = (ObjectNode) node;
    f.onlyKnown(o, path + ".", Set.of("basis", "percent", "action"));
    Optional<Threshold.Basis> basis = f.string(o, path + ".", "basis", true).flatMap(
        t -> f.convert(path + ".basis", t, Threshold.Basis::valueOf, t));
    Optional<Double> percent = f.number(o, path + ".", "percent", true, 0, true, Double.MAX_VALUE);
    Optional<Threshold.Action> action = f.string(o, path + ".", "action", true).flatMap(
        t -> f.convert(path + ".action", t, Threshold.Action::valueOf, t));
    if (basis.isEmpty() || percent.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    return f.convert(path, node, x -> new Threshold(basis.get(), BigDecimal.valueOf(percent.get()), action.get()),
        "");
  }

  private Budget find(String id) {
    return services.budgets.budgets().stream().filter(b -> b.id().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("budget", id));
  }

  private ObjectNode render(Budget b) {
    ObjectNode n = Json.object();
    n.put("id", b.id()).put("name", b.name());
    ObjectNode scope = n.putObject("scope");
    b.scope().filters().forEach((d, v) -> scope.put(d.name(), v));
    b.period().windowAt(services.clock.instant()).ifPresent(w -> n.set("amount", Json.money(b.amountFor(w))));
    if (!n.has("amount")) {
      n.set("amount", Json.money(Money.zero(b.currency())));
    }
    n.put("period", b.period().toString().toUpperCase(Locale.ROOT));
    ArrayNode thresholds = n.putArray("thresholds");
    b.thresholds().forEach(t -> thresholds.add(threshold(t)));
    n.set("approverRoles", Json.strings(b.approverRoles().stream().sorted().toList()));
    services.budgets.status(b.id()).ifPresent(s -> n.set("status", status(s)));
    return n;
  }

  private static ObjectNode threshold(Threshold t) {
    return Json.object().put("basis", t.basis().name()).put("percent", t.percent().doubleValue())
        .put("action", t.action().name());
  }

  private static ObjectNode status(BudgetStatus s) {
    ObjectNode n = Json.object();
    n.put("at", s.at().toString()).put("windowStart", s.window().start().toString())
        .put("windowEnd", s.window().endExclusive().toString());
    n.set("amount", Json.money(s.amount()));
    n.set("actual", Json.money(s.actual()));
    n.set("forecast", Json.money(s.forecast()));
    n.set("actualPercent", Json.number(s.actualPercent()));
    n.set("forecastPercent", Json.number(s.forecastPercent()));
    ArrayNode crossed = n.putArray("crossed");
    s.crossed().forEach(t -> crossed.add(threshold(t)));
    if (s.control() != null) {
      n.put("control", s.control().name());
    }
    return n;
  }
}
