package io.stratus.samples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.adapters.webhooks.Events;
import io.stratus.finops.budget.BudgetAlert;
import io.stratus.finops.focus.BillingFormatException;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ConformanceFinding;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** {@code /v1/costs}: billing ingestion and cost queries over the cost store. Thread-safe. */
final class CostResource {
  private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final List<String> METRICS = List.of("BILLED", "EFFECTIVE", "LIST", "CONTRACTED");
  /** Pages need a stable order: bucket start, then the largest amount first, then the key. */
  private static final Comparator<CostRow> ROW_ORDER = Comparator
      .comparing(CostRow::bucketStart, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(CostRow::amount, Comparator.reverseOrder())
      .thenComparing(r -> String.valueOf(r.key()));
  private final Services services;

  CostResource(Services services) {
    this.services = services;
  }

  /** Parses a dimension name: a FOCUS column of {@link Dimension#BUILT_IN} or {@code tag:<key>}. */
  static Optional<Dimension> dimension(String name) {
    if (name.startsWith("tag:") && name.length() > 4) {
      return Optional.of(Dimension.tag(name.substring(4)));
    }
    return Dimension.BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  static String dimensionRule() {
    return "must be tag:<key> or one of " + Dimension.BUILT_IN.stream().map(Dimension::name).toList();
  }

  Response query(Request request) {
    Fields f = new Fields();
    CostQuery.Builder b = CostQuery.builder();
    Instant from = request.query("from").map(t -> Fields.instant("from", t)).orElse(null);
    Instant to = request.query("to").map(t -> Fields.instant("to", t)).orElse(null);
    if (from != null && to != null && !from.isBefore(to)) {
      f.reject("to", to.toString(), "must be after from (" + from + ")");
    }
    b.between(from, to);
    List<Dimension> groupBy = new ArrayList<>();
    for (String g : request.queryAll("groupBy")) {
      dimension(g).ifPresentOrElse(groupBy::add, () -> f.reject("groupBy", g, dimensionRule()));
    }
    b.groupBy(groupBy.toArray(Dimension[]::new));
    for (String w : request.queryAll("where")) {
      int eq = w.indexOf('=');
      Optional<Dimension> d = eq > 0 ? dimension(w.substring(0, eq)) : Optional.empty();
      if (d.isEmpty() || eq == w.length() - 1) {
        f.reject("where", w, "must be <dimension>=<value> where the dimension " + dimensionRule());
      } else {
        b.where(d.get(), w.substring(eq + 1));
      }
    }
    String granularity = request.query("granularity").orElse("TOTAL");
    try {
      b.granularity(Granularity.valueOf(granularity));
    } catch (IllegalArgumentException e) {
      f.reject("granularity", granularity, "must be one of TOTAL, HOUR, DAY, MONTH");
    }
    String metric = request.query("metric").orElse("BILLED");
    if (METRICS.contains(metric)) {
      b.metric(CostMetric.valueOf(metric));
    } else {
      f.reject("metric", metric, "must be one of " + METRICS);
    }
    f.check();
    CostQueryResult result = services.costs.query(b.build());
    List<CostRow> rows = result.rows().stream().sorted(ROW_ORDER).toList();
    ObjectNode body = Json.page(Pages.page(rows, request), CostResource::row);
    body.set("groupBy", Json.strings(groupBy.stream().map(Dimension::name).toList()));
    body.put("granularity", granularity);
    ArrayNode totals = body.putArray("totals");
    result.totals().forEach((currency, amount) -> totals.add(Json.money(Money.of(amount.toPlainString(),
        currency))));
    return Response.ok(body);
  }

  private static ObjectNode row(CostRow r) {
    ObjectNode n = Json.object();
    ArrayNode key = n.putArray("key");
    r.key().forEach(key::add);
    if (r.bucketStart() != null) {
      n.put("bucketStart", r.bucketStart().toString());
    }
    n.set("amount", Json.money(new Money(r.amount(), r.currency())));
    n.put("records", r.records());
    return n;
  }

  Response ingest(Request request) {
    request.requireContentType(List.of("text/csv"));
    String source = request.query("source").orElse("upload");
    if (!SOURCE.matcher(source).matches()) {
      throw ApiException.invalid("source", source, "must match " + SOURCE.pattern());
    }
    String fileName = request.query("fileName").orElse("upload.csv");
    if (request.body().length == 0) {
      throw ApiException.invalid("body", "", "must be a billing export with a header row");
    }
    // Read everything first, then append in one go: a file that fails half-way adds nothing.
    List<CostRecord> records = new ArrayList<>();
    ReadReport report;
    try {
      report = BillingReaders.detect().read(new ByteArrayInputStream(request.body()), fileName, records::add);
    } catch (BillingFormatException e) {
      throw ApiException.invalid("body", fileName, e.getMessage());
    }
    try (CostStore.Appender appender = services.costs.appender(source)) {
      records.forEach(appender);
    }
    publishIngested(source, records);
    for (BudgetAlert alert : services.budgets.evaluate()) {
      services.publish(Events.budgetThreshold(services.eventId("budget"), services.source, services.clock.instant(),
          alert.status().budget().id(), alert.threshold().percent().doubleValue(),
          alert.threshold().basis().name().toLowerCase(Locale.ROOT),
          alert.threshold().basis() == io.stratus.finops.budget.Threshold.Basis.ACTUAL ? alert.status().actual()
              : alert.status().forecast(), alert.status().amount(), alert.notification().labels()));
    }
    return Response.ok(report(report));
  }

  private void publishIngested(String source, List<CostRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    Instant start = records.get(0).chargePeriodStart();
    Instant end = records.get(0).chargePeriodEnd();
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (CostRecord r : records) {
      start = r.chargePeriodStart().isBefore(start) ? r.chargePeriodStart() : start;
      end = r.chargePeriodEnd().isAfter(end) ? r.chargePeriodEnd() : end;
      totals.merge(r.billingCurrency().getCurrencyCode(), r.billedCost(), BigDecimal::add);
    }
    if (!end.isAfter(start)) {
      end = start.plusSeconds(1);
    }
    for (Map.Entry<String, BigDecimal> t : totals.entrySet()) {
      services.publish(Events.costIngested(services.eventId("cost"), services.source, services.clock.instant(),
          source, start, end, records.size(), Money.of(t.getValue().toPlainString(), t.getKey()), Map.of()));
    }
  }

  private static ObjectNode report(ReadReport r) {
    ObjectNode n = Json.object();
    n.put("file", r.file()).put("format", r.format()).put("rowsRead", r.rowsRead())
        .put("recordsEmitted", r.recordsEmitted()).put("rejectionCount", r.rejectionCount())
        .put("complete", r.isComplete()).put("reconciled", r.isReconciled());
    ArrayNode totals = n.putArray("totals");
    r.normalizedTotals().forEach((c, a) -> totals.add(Json.money(Money.of(a.toPlainString(), c))));
    ArrayNode rejections = n.putArray("rejections");
    r.rejections().stream().limit(100).map(Rejection::toString).forEach(rejections::add);
    ArrayNode findings = n.putArray("findings");
    r.findings().stream().map(ConformanceFinding::toString).forEach(findings::add);
    return n;
  }
}
