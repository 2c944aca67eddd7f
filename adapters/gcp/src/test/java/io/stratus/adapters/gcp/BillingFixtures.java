package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BigQuery REST responses ({@code jobs.query}) over the detailed billing export: the schema is built from the export's
 * field list (bigquery-billing-export-schema.csv) and rows are encoded as the REST API does ({@code f}/{@code v}
 * cells, records nested, repeated fields as arrays, TIMESTAMP as epoch seconds, FLOAT and NUMERIC as strings).
 */
final class BillingFixtures {
  static final String TABLE = TestCloud.PROJECT + ".billing.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9";
  static final String QUERIES = "/bigquery/v2/projects/" + TestCloud.PROJECT + "/queries";
  static final Instant AS_OF = Instant.parse("2026-08-02T00:00:00Z");

  /** A schema node: name, type, mode, children. */
  record F(String name, String type, String mode, Map<String, F> children) {}

  private BillingFixtures() {}

  static Map<String, F> schema() {
    Map<String, F> root = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        BillingFixtures.class.getResourceAsStream("bigquery-billing-export-schema.csv")), StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] c = line.split(",");
        String[] path = c[0].split("\\.");
        Map<String, F> level = root;
        for (int i = 0; i < path.length - 1; i++) {
          F parent = level.get(path[i]);
          if (parent == null) {
            parent = new F(path[i], "RECORD", "NULLABLE", new LinkedHashMap<>());
            level.put(path[i], parent);
          }
          level = parent.children();
        }
        level.putIfAbsent(path[path.length - 1], new F(path[path.length - 1], c[1], c[2], new LinkedHashMap<>()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  static ArrayNode schemaJson(Map<String, F> fields) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (F f : fields.values()) {
      ObjectNode o = out.addObject().put("name", f.name()).put("type", f.type()).put("mode", f.mode());
      if (!f.children().isEmpty()) {
        o.set("fields", schemaJson(f.children()));
      }
    }
    return out;
  }

  /** A row as the REST API encodes it; {@code values} is nested like the export (maps, lists of maps). */
  @SuppressWarnings("unchecked")
  static ObjectNode row(Map<String, F> fields, Map<String, Object> values) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    ArrayNode cells = row.putArray("f");
    for (F f : fields.values()) {
      Object v = values.get(f.name());
      ObjectNode cell = cells.addObject();
      if (v == null) {
        if (f.mode().equals("REPEATED")) {
          cell.putArray("v");
        } else {
          cell.putNull("v");
        }
      } else if (f.mode().equals("REPEATED")) {
        ArrayNode arr = cell.putArray("v");
        for (Object e : (List<Object>) v) {
          ObjectNode item = arr.addObject();
          if (f.type().equals("RECORD")) {
            item.set("v", row(f.children(), (Map<String, Object>) e));
          } else {
            item.put("v", e.toString());
          }
        }
      } else if (f.type().equals("RECORD")) {
        cell.set("v", row(f.children(), (Map<String, Object>) v));
      } else if (f.type().equals("TIMESTAMP")) {
        Instant t = Instant.parse(v.toString());
        cell.put("v", BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).toPlainString());
      } else {
        cell.put("v", v.toString());
      }
    }
    return row;
  }

  /** One Compute Engine usage row of the detailed export. */
  static Map<String, Object> usage(String month, String day, String sku, String cost, String exportTime,
      List<Map<String, Object>> credits) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("billing_account_id", "01A2B3-C4D5E6-F7A8B9");
    r.put("service", Map.of("id", "6F81-5844-456A", "description", "Compute Engine"));
    r.put("sku", Map.of("id", sku, "description", "N2 Instance Core running in Americas"));
    r.put("usage_start_time", day + "T00:00:00Z");
    r.put("usage_end_time", day + "T01:00:00Z");
    r.put("project", Map.of("id", TestCloud.PROJECT, "number", "123456789012", "name", "Stratus test"));
    r.put("labels", List.of(Map.of("key", "team", "value", "data"), Map.of("key", "env", "value", "prod")));
    r.put("location", Map.of("location", "us-central1", "country", "US", "region", "us-central1", "zone",
        "us-central1-a"));
    r.put("export_time", exportTime);
    r.put("cost", cost);
    r.put("currency", "USD");
    r.put("currency_conversion_rate", "1.0");
    r.put("usage", Map.of("amount", "14400", "unit", "seconds", "amount_in_pricing_units", "4", "pricing_unit",
        "hour"));
    r.put("credits", credits);
    r.put("invoice", Map.of("month", month));
    r.put("cost_type", "regular");
    r.put("cost_at_list", cost);
    r.put("resource", Map.of("name", "web-1", "global_name",
        "//compute.googleapis.com/projects/" + TestCloud.PROJECT + "/zones/us-central1-a/instances/1234567890123456789"));
    r.put("price", Map.of("effective_price", "0.031611", "list_price", "0.031611", "unit", "hour"));
    return r;
  }

  static List<Map<String, Object>> july() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {
      String day = String.format("2026-07-%02d", d);
      rows.add(usage("202607", day, "A1B2-C3D4-E5F6", "0.126444", "2026-07-0" + d + "T06:00:00.123456Z",
          d == 3 ? List.of(Map.of("name", "Sustained Usage Discount", "amount", "-0.025", "full_name",
              "Sustained usage discount", "id", "", "type", "SUSTAINED_USAGE_DISCOUNT")) : List.of()));
    }
    return rows;
  }

  static List<Map<String, Object>> june() {
    return List.of(usage("202606", "2026-06-15", "A1B2-C3D4-E5F6", "3.034656", "2026-06-16T06:00:00Z", List.of()));
  }

  static ObjectNode response(List<Map<String, Object>> rows, Map<String, F> schema, String jobId,
      String pageToken) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", "bigquery#queryResponse");
    r.putObject("schema").set("fields", schemaJson(schema));
    r.putObject("jobReference").put("projectId", TestCloud.PROJECT).put("jobId", jobId).put("location", "US");
    r.put("totalRows", Integer.toString(rows.size()));
    ArrayNode out = r.putArray("rows");
    rows.forEach(row -> out.add(row(schema, row)));
    if (pageToken != null) {
      r.put("pageToken", pageToken);
    }
    r.put("totalBytesProcessed", "1048576");
    r.put("jobComplete", true);
    r.put("cacheHit", false);
    return r;
  }

  static Map<String, F> monthSchema() {
    Map<String, F> m = new LinkedHashMap<>();
    m.put("month", new F("month", "STRING", "NULLABLE", Map.of()));
    return m;
  }

  /** Stubs jobs.query: the months query, each month's rows (July in two pages), and empty answers past a watermark. */
  static void stub(TestCloud cloud) {
    Map<String, F> schema = schema();
    cloud.rest.stubFor(post(urlPathEqualTo(QUERIES)).withRequestBody(containing("SELECT DISTINCT invoice.month"))
        .willReturn(json(response(List.of(Map.of("month", "202606"), Map.of("month", "202607")), monthSchema(),
            "job_months", null).toString())));
    cloud.rest.stubFor(post(urlPathEqualTo(QUERIES))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'month')].parameterValue.value",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("202606")))
        .willReturn(json(response(june(), schema, "job_june", null).toString())));
    cloud.rest.stubFor(post(urlPathEqualTo(QUERIES))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'month')].parameterValue.value",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("202607")))
        .willReturn(json(response(july().subList(0, 3), schema, "job_july", "page-2-token").toString())));
    cloud.rest.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            urlPathEqualTo("/bigquery/v2/projects/" + TestCloud.PROJECT + "/jobs/job_july"))
        .willReturn(json(julyJob())));
    ObjectNode page2 = JsonNodeFactory.instance.objectNode();
    page2.put("kind", "bigquery#tableDataList");
    page2.put("etag", "\"Xy1z\"");
    page2.put("totalRows", "5");
    ArrayNode rows2 = page2.putArray("rows");
    july().subList(3, 5).forEach(r -> rows2.add(row(schema, r)));
    cloud.rest.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            urlPathEqualTo("/bigquery/v2/projects/" + TestCloud.PROJECT + "/datasets/_anon0f3a/tables/anon_july/data"))
        .withQueryParam("pageToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page-2-token"))
        .willReturn(json(page2.toString())));
    cloud.rest.stubFor(post(urlPathEqualTo(QUERIES)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'since')]"))
        .willReturn(json(response(List.of(), schema, "job_since", null).toString())));
  }

  /** jobs.get of the July query: done, with its anonymous destination table (where the next pages are read). */
  static String julyJob() {
    ObjectNode job = JsonNodeFactory.instance.objectNode();
    job.put("kind", "bigquery#job");
    job.put("id", TestCloud.PROJECT + ":US.job_july");
    job.putObject("jobReference").put("projectId", TestCloud.PROJECT).put("jobId", "job_july").put("location", "US");
    ObjectNode query = job.putObject("configuration").put("jobType", "QUERY").putObject("query");
    query.put("query", "SELECT * FROM `" + TABLE + "` WHERE invoice.month = @month ORDER BY export_time");
    query.putObject("destinationTable").put("projectId", TestCloud.PROJECT).put("datasetId", "_anon0f3a")
        .put("tableId", "anon_july");
    query.put("useLegacySql", false);
    job.putObject("status").put("state", "DONE");
    job.putObject("statistics").put("creationTime", "1785888000000").put("startTime", "1785888000100")
        .put("endTime", "1785888001000").putObject("query").put("totalBytesProcessed", "1048576");
    return job.toString();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
  }
}
