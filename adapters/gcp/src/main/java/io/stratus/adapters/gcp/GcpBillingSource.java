package io.stratus.adapters.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableResult;
import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingFormatException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost records from the Cloud Billing export to BigQuery (standard {@code gcp_billing_export_v1_*} or detailed
 * {@code gcp_billing_export_resource_v1_*} table), queried with the BigQuery client and read page by page: each page's
 * rows are turned back into the nested JSON rows of the export and normalized by the FinOps module's GCP reader
 * ({@link BillingReaders#gcp()}), so the FOCUS mapping is the one the file reader uses.
 *
 * <p>Billing periods are the export's {@code invoice.month} values (a month in America/Los_Angeles, as the mapping
 * has it). The watermark is the largest {@code export_time} delivered, in microseconds: a fetch since a watermark
 * asks for {@code export_time > watermark} only, and batches are {@link BillingBatch.Mode#UPSERT upserts} (GCP appends
 * restated rows with a later export time). Rows the reader rejects are logged with their reasons, as the file source
 * does. Each query and each page runs under the retry / breaker / rate-limit policy; a fetch that fails part-way fails
 * whole with a {@link ProviderException}.
 *
 * <p>Thread-safe. The no-argument constructor is for {@link java.util.ServiceLoader}; it has no billing export table,
 * so a host builds a {@link GcpAdapter} naming one (e.g. from {@value GcpAdapter#BILLING_TABLE_SETTING} through
 * {@link GcpAdapter#fromSettings}) and uses its {@code billingSource()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpBillingSource implements BillingSource {
  private static final Logger LOG = LoggerFactory.getLogger(GcpBillingSource.class);
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final java.util.function.Supplier<GcpAdapter> adapter;
  private final java.util.function.Supplier<String> table;

  /** A source configured from the environment on first use (for {@link java.util.ServiceLoader}). */
  public GcpBillingSource() {
    this.adapter = Environment.ADAPTER;
    this.table = () -> adapter.get().billingSource().table.get();
  }

  GcpBillingSource(GcpAdapter adapter, String table) {
    this.adapter = () -> adapter;
    this.table = () -> table;
  }

  @Override
  public String id() {
    return GcpAdapter.ID;
  }

  @Override
  public String description() {
    return "Google Cloud billing export in BigQuery";
  }

  @Override
  public List<BillingPeriod> billingPeriods(Instant asOf) {
    Objects.requireNonNull(asOf, "asOf must not be null");
    String sql =
        "SELECT DISTINCT invoice.month AS month FROM `" + table.get() + "` WHERE invoice.month IS NOT NULL"
            + " ORDER BY month";
    List<BillingPeriod> out = new ArrayList<>();
    forEachRow(sql, QueryJobConfiguration.newBuilder(sql), "billing periods",
        (schema, row) -> {
          FieldValue v = row.get(0);
          String m = v.isNull() ? "" : v.getStringValue();
          BillingPeriod p = period(m);
          if (p.start().isBefore(asOf)) {
            out.add(p);
          }
        });
    return List.copyOf(out);
  }

  @Override
  public BillingBatch fetch(BillingPeriod period, Watermark since) {
    Objects.requireNonNull(period, "period must not be null");
    Objects.requireNonNull(since, "since must not be null");
    YearMonth month = YearMonth.from(ZonedDateTime.ofInstant(period.start(), PACIFIC));
    if (!period(month).equals(period)) {
      throw new IllegalArgumentException(
          "period must be an invoice month of the GCP export (a month in America/Los_Angeles, e.g. " + period(month)
              + "), got " + period);
    }
    long sinceMicros = 0;
    if (!since.isInitial()) {
      try {
        sinceMicros = Long.parseLong(since.token());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "since.token must be the export_time in microseconds this source issued, got '" + since.token() + "'", e);
      }
    }
    String code = String.format("%04d%02d", month.getYear(), month.getMonthValue());
    String sql =
        "SELECT * FROM `" + table.get() + "` WHERE invoice.month = @month"
            + (since.isInitial() ? "" : " AND export_time > TIMESTAMP_MICROS(@since)")
            + " ORDER BY export_time";
    QueryJobConfiguration.Builder q =
        QueryJobConfiguration.newBuilder(sql).addNamedParameter("month", QueryParameterValue.string(code));
    if (!since.isInitial()) {
      q.addNamedParameter("since", QueryParameterValue.int64(sinceMicros));
    }
    List<CostRecord> records = new ArrayList<>();
    long[] maxExport = {sinceMicros};
    String where = "bigquery:" + table.get() + " invoice.month " + code;
    forEachPage(sql, q, where, (schema, rows, page) -> {
      int exportIndex = index(schema, "export_time");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int count = 0;
      for (FieldValueList row : rows) {
        count++;
        if (exportIndex >= 0 && !row.get(exportIndex).isNull()) {
          maxExport[0] = Math.max(maxExport[0], row.get(exportIndex).getTimestampValue());
        }
        try {
          buf.write(JSON.writeValueAsBytes(record(schema.getFields(), row)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        buf.write('\n');
      }
      if (count == 0) {
        return; // an empty page (nothing new since the watermark): the reader wants at least one row
      }
      String name = where + " page " + page;
      ReadReport report;
      try {
        report = BillingReaders.gcp().read(new ByteArrayInputStream(buf.toByteArray()), name, records::add);
      } catch (BillingFormatException e) {
        throw GcpAdapter.error("cannot normalize " + name + ": " + e.getMessage(), e);
      }
      if (report.rejectionCount() > 0) {
        LOG.warn("{}: {} of {} rows of {} rejected, first: {}", GcpAdapter.ID, report.rejectionCount(),
            report.rowsRead(), name, report.rejections().isEmpty() ? "" : report.rejections().get(0));
      }
    });
    Watermark next = maxExport[0] == 0 ? since : Watermark.of(Long.toString(maxExport[0]));
    return new BillingBatch(period, BillingBatch.Mode.UPSERT, records, next);
  }

  private static BillingPeriod period(YearMonth m) {
    return new BillingPeriod(m.atDay(1).atStartOfDay(PACIFIC).toInstant(),
        m.plusMonths(1).atDay(1).atStartOfDay(PACIFIC).toInstant());
  }

  private static BillingPeriod period(String invoiceMonth) {
    if (!invoiceMonth.matches("\\d{6}")) {
      throw GcpAdapter.error("billing export: invoice.month = '" + invoiceMonth + "' (must be YYYYMM)", null);
    }
    int mm = Integer.parseInt(invoiceMonth.substring(4));
    if (mm < 1 || mm > 12) {
      throw GcpAdapter.error("billing export: invoice.month = '" + invoiceMonth + "' (month must be 01 to 12)", null);
    }
    return period(YearMonth.of(Integer.parseInt(invoiceMonth.substring(0, 4)), mm));
  }

  private interface RowSink {
    void accept(Schema schema, FieldValueList row);
  }

  private interface PageSink {
    void accept(Schema schema, Iterable<FieldValueList> rows, int page);
  }

  private void forEachRow(String sql, QueryJobConfiguration.Builder q, String what, RowSink sink) {
    forEachPage(sql, q, what, (schema, rows, page) -> rows.forEach(r -> sink.accept(schema, r)));
  }

  /** Runs the query and hands over its result page by page (each page read under the guard). */
  private void forEachPage(String sql, QueryJobConfiguration.Builder q, String what, PageSink sink) {
    GcpAdapter a = adapter.get();
    Guard guard = a.guard(Api.BIGQUERY);
    QueryJobConfiguration config =
        q.setUseLegacySql(false).build();
    TableResult page =
        guard.call("jobs.query", what, () -> {
          try {
            return a.bigQuery().query(config);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GcpAdapter.error("bigquery " + what + ": interrupted", e);
          }
        });
    Schema schema = page.getSchema();
    if (schema == null) {
      throw GcpAdapter.error("bigquery " + what + ": the result has no schema (" + sql + ")",
          null);
    }
    int n = 1;
    while (true) {
      sink.accept(schema, page.getValues(), n);
      if (!page.hasNextPage()) {
        return;
      }
      TableResult current = page;
      n++;
      page = guard.call("tabledata.list", what + " page " + n, current::getNextPage);
    }
  }

  private static int index(Schema schema, String name) {
    FieldList fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** One row as the export's nested JSON object. */
  static ObjectNode record(FieldList fields, FieldValueList row) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < fields.size() && i < row.size(); i++) {
      Field f = fields.get(i);
      o.set(f.getName(), value(f, row.get(i)));
    }
    return o;
  }

  private static JsonNode value(Field f, FieldValue v) {
    if (v.isNull()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (v.getAttribute() == FieldValue.Attribute.REPEATED) {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      for (FieldValue e : v.getRepeatedValue()) {
        arr.add(scalarOrRecord(f, e));
      }
      return arr;
    }
    return scalarOrRecord(f, v);
  }

  private static JsonNode scalarOrRecord(Field f, FieldValue v) {
    if (v.isNull()) {
      return JsonNodeFactory.instance.nullNode();
    }
    LegacySQLTypeName type = f.getType();
    if (v.getAttribute() == FieldValue.Attribute.RECORD) {
      FieldList sub = f.getSubFields();
      return sub == null ? JsonNodeFactory.instance.nullNode() : record(sub, v.getRecordValue());
    }
    if (LegacySQLTypeName.TIMESTAMP.equals(type)) {
      long micros = v.getTimestampValue();
      return JsonNodeFactory.instance.textNode(
          Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString());
    }
    if (LegacySQLTypeName.FLOAT.equals(type) || LegacySQLTypeName.NUMERIC.equals(type)
        || LegacySQLTypeName.BIGNUMERIC.equals(type) || LegacySQLTypeName.INTEGER.equals(type)) {
      String s = v.getStringValue();
      try {
        return JsonNodeFactory.instance.numberNode(new BigDecimal(s));
      } catch (NumberFormatException e) {
        return JsonNodeFactory.instance.textNode(s);
      }
    }
    if (LegacySQLTypeName.BOOLEAN.equals(type)) {
      return JsonNodeFactory.instance.booleanNode(v.getBooleanValue());
    }
    return JsonNodeFactory.instance.textNode(v.getStringValue());
  }
}
