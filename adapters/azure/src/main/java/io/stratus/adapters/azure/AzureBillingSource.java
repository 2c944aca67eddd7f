package io.stratus.adapters.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingFormatException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import io.stratus.monitoring.provider.PageTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure costs as FOCUS {@link CostRecord}s, normalized by the FinOps module's Azure reader (one mapping: this class
 * only fetches). Two modes, chosen by {@link AzureConfig#exportContainer()}:
 *
 * <ul>
 *   <li><b>Cost Management query API</b> (no export container): per billing month, one {@code POST
 *       <scope>/providers/Microsoft.CostManagement/query} of daily cost grouped by {@code ResourceId} and {@code
 *       ChargeType} (the API allows two groupings), every page through {@code properties.nextLink}. The columns and
 *       rows are laid out as an Azure cost export ({@code Date}, {@code Cost}, {@code BillingCurrency}, billing
 *       period, account and subscription, and the grouping columns) and read by {@link BillingReaders#azureActual()}
 *       or {@link BillingReaders#azureAmortized()}. Periods: the last {@link AzureConfig#billingMonths()} months.
 *       The watermark is a digest of the rows, so a fetch whose rows did not change returns an empty batch.
 *   <li><b>Cost exports in Blob Storage</b>: the {@code .csv} and {@code .csv.gz} blobs under {@link
 *       AzureConfig#exportPrefix()}, read by {@link BillingReaders#azure()} (amortized when the name says so).
 *       Exports re-issue whole months, each run in a new file or run folder: within each {@code YYYYMMDD-YYYYMMDD}
 *       period folder only the newest run (the run folder, or for the older layout the file, with the latest
 *       modification) is read, so re-runs never count twice. The watermark is a digest of the chosen blobs' names and
 *       ETags.
 * </ul>
 *
 * <p>Batches are {@link BillingBatch.Mode#REPLACE_PERIOD}. A page or file that cannot be read fails the fetch with a
 * {@link ProviderException} (nothing partial is returned); rows the reader rejects are logged at WARN with the first
 * rejection, as {@link io.stratus.finops.collect.FileBillingSource} does.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) uses the default
 * {@link AzureConfig} (no subscription); hosts with a subscription register {@code create(config)} by hand.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzureBillingSource implements BillingSource {
  private static final Logger LOG = LoggerFactory.getLogger(AzureBillingSource.class);
  static final String API_VERSION = "2023-03-01";
  private static final Pattern PERIOD_FOLDER = Pattern.compile("(\\d{8})-(\\d{8})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Lazy<State> state;

  private static final class State {
    final AzureConfig config;
    final AzureCalls calls;
    final Lazy<BlobContainerClient> container;

    State(AzureConfig config) {
      this.config = config;
      this.calls = new AzureCalls("azure", config);
      this.container = new Lazy<>(() -> new BlobContainerClientBuilder()
          .endpoint(config.exportContainer().orElseThrow().toString())
          .pipeline(calls.storagePipeline())
          .buildClient());
    }
  }

  /**
   * A source with the default configuration (built on first use), for {@link java.util.ServiceLoader}: every
   * region of the bundled table, no subscription, {@code DefaultAzureCredential}.
   */
  public AzureBillingSource() {
    this.state = new Lazy<>(() -> new State(AzureConfig.builder().build()));
  }

  private AzureBillingSource(AzureConfig config) {
    State s = new State(config);
    this.state = new Lazy<>(() -> s);
  }

  /**
   * A source with this configuration.
   *
   * @param config the configuration; never null
   * @return a new source; never null
   */
  public static AzureBillingSource create(AzureConfig config) {
    return new AzureBillingSource(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String description() {
    return state.get().config.exportContainer().isPresent()
        ? "Azure cost exports in Blob Storage" : "Azure Cost Management query API";
  }

  @Override
  public List<BillingPeriod> billingPeriods(Instant asOf) {
    Objects.requireNonNull(asOf, "asOf");
    State s = state.get();
    if (s.config.exportContainer().isPresent()) {
      TreeSet<BillingPeriod> periods = new TreeSet<>();
      for (Map.Entry<String, List<BlobItem>> group : exportGroups(s).entrySet()) {
        Matcher m = PERIOD_FOLDER.matcher(group.getKey());
        if (m.find()) {
          periods.add(new BillingPeriod(day(m.group(1)), day(m.group(2)).plusSeconds(86_400)));
        } else {
          readBlobs(s, group.getValue(), r -> periods.add(BillingPeriod.of(r)));
        }
      }
      return periods.stream().filter(p -> p.start().isBefore(asOf)).toList();
    }
    YearMonth current = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
    List<BillingPeriod> out = new ArrayList<>();
    for (int i = s.config.billingMonths() - 1; i >= 0; i--) {
      BillingPeriod p = BillingPeriod.of(current.minusMonths(i));
      if (p.start().isBefore(asOf)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public BillingBatch fetch(BillingPeriod period, Watermark since) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    State s = state.get();
    return s.config.exportContainer().isPresent() ? fetchExports(s, period, since) : fetchQuery(s, period, since);
  }

  // ---- query API

  private BillingBatch fetchQuery(State s, BillingPeriod period, Watermark since) {
    String subscription = s.config.subscriptionId().orElse("");
    String scope = s.config.costScope().orElseGet(() -> "/subscriptions/" + s.config.requireSubscription("billing"));
    ObjectNode body = AzureCalls.JSON.createObjectNode();
    body.put("type", s.config.costType() == AzureConfig.CostType.ACTUAL_COST ? "ActualCost" : "AmortizedCost");
    body.put("timeframe", "Custom");
    body.putObject("timePeriod").put("from", period.start().toString())
        .put("to", period.end().minusSeconds(1).toString());
    ObjectNode dataset = body.putObject("dataset");
    dataset.put("granularity", "Daily");
    dataset.putObject("aggregation").putObject("totalCost").put("name", "Cost").put("function", "Sum");
    dataset.putArray("grouping").add(group("ResourceId")).add(group("ChargeType"));
    String url = s.config.managementEndpoint() + scope + "/providers/Microsoft.CostManagement/query?api-version="
        + API_VERSION;
    List<String> header = null;
    List<List<String>> rows = new ArrayList<>();
    PageTokens links = PageTokens.of("azure", "cost query for " + period);
    int page = 0;
    while (url != null) {
      page++;
      JsonNode answer;
      try {
        answer = s.calls.postManagement(AzureApi.COST_MANAGEMENT, "cost query", period + " page " + page, url,
            body.toString());
      } catch (ProviderException e) {
        if (page == 1) {
          throw e;
        }
        throw new ProviderException("azure", "cost query for " + period + " incomplete: " + (page - 1)
            + " page(s) (" + rows.size() + " rows) read before page " + page + " failed; nothing is returned", e);
      }
      JsonNode props = answer.path("properties");
      List<String> columns = new ArrayList<>();
      for (JsonNode c : props.path("columns")) {
        columns.add(c.path("name").asText(""));
      }
      if (columns.isEmpty() || !props.path("rows").isArray()) {
        throw AzureCalls.failure("azure", "cost query page " + page + " has no properties.columns/rows: "
            + AzureCalls.excerpt(answer.toString()));
      }
      if (header == null) {
        header = columns;
      } else if (!header.equals(columns)) {
        throw AzureCalls.failure("azure", "cost query page " + page + " has columns " + columns
            + ", page 1 had " + header);
      }
      for (JsonNode row : props.path("rows")) {
        if (!row.isArray() || row.size() != columns.size()) {
          throw AzureCalls.failure("azure", "cost query page " + page + ": a row has " + row.size()
              + " values for " + columns.size() + " columns: " + AzureCalls.excerpt(row.toString()));
        }
        List<String> values = new ArrayList<>();
        row.forEach(v -> values.add(v.isNull() ? "" : v.asText()));
        rows.add(values);
      }
      url = s.calls.nextPage(props.get("nextLink"), links, s.config.managementEndpoint(), AzureApi.COST_MANAGEMENT);
    }
    String csv = exportCsv(header == null ? List.of() : header, rows, period, scope, subscription);
    Watermark current = Watermark.of("q-" + digest(csv));
    if (current.equals(since)) {
      return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, List.of(), since);
    }
    BillingFileReader reader = s.config.costType() == AzureConfig.CostType.ACTUAL_COST
        ? BillingReaders.azureActual() : BillingReaders.azureAmortized();
    List<CostRecord> records = new ArrayList<>();
    String name = "cost-query-" + YearMonth.from(period.start().atZone(ZoneOffset.UTC)) + ".csv";
    read(reader, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name, r -> {
      if (BillingPeriod.of(r).equals(period)) {
        records.add(r);
      }
    });
    return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, records, current);
  }

  private static ObjectNode group(String name) {
    return AzureCalls.JSON.createObjectNode().put("type", "Dimension").put("name", name);
  }

  /** The query's columns as an Azure cost export: the reader's column names, the period, account and subscription. */
  static String exportCsv(List<String> columns, List<List<String>> rows, BillingPeriod period, String scope,
      String subscription) {
    List<String> names = new ArrayList<>();
    int dateAt = -1;
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      switch (c.toLowerCase(Locale.ROOT)) {
        case "usagedate":
          dateAt = i;
          names.add("Date");
          break;
        case "cost":
        case "pretaxcost":
        case "totalcost":
          names.add("Cost");
          break;
        case "currency":
          names.add("BillingCurrency");
          break;
        default:
          names.add(c);
      }
    }
    if (dateAt < 0) {
      throw AzureCalls.failure("azure", "cost query answer has no UsageDate column: " + columns);
    }
    String start = period.start().atZone(ZoneOffset.UTC).toLocalDate().toString();
    String end = period.end().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(names);
    head.addAll(List.of("BillingPeriodStartDate", "BillingPeriodEndDate", "BillingAccountId", "SubscriptionId"));
    line(sb, head);
    for (List<String> row : rows) {
      List<String> out = new ArrayList<>(row);
      String d = out.get(dateAt);
      try {
        out.set(dateAt, LocalDate.parse(d.length() > 8 ? d.substring(0, 8) : d, DAY).toString());
      } catch (java.time.format.DateTimeParseException e) {
        throw AzureCalls.failure("azure", "cost query row has UsageDate '" + d + "', expected yyyyMMdd");
      }
      out.addAll(List.of(start, end, scope, subscription));
      line(sb, out);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
    }
    sb.append('\n');
  }

  // ---- exports in Blob Storage

  /** The newest run's blobs per period folder (blobs outside period folders: one group per blob). */
  private static Map<String, List<BlobItem>> exportGroups(State s) {
    List<BlobItem> blobs = s.calls.execute(AzureApi.BLOB, AzureCalls.GLOBAL, "list export blobs", "", () -> {
      List<BlobItem> all = new ArrayList<>();
      s.container.get().listBlobs(new ListBlobsOptions().setPrefix(s.config.exportPrefix()), null)
          .forEach(all::add);
      return all;
    });
    Map<String, Map<String, List<BlobItem>>> runs = new TreeMap<>();
    for (BlobItem b : blobs) {
      String name = b.getName();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!(lower.endsWith(".csv") || lower.endsWith(".csv.gz"))) {
        continue;
      }
      Matcher m = PERIOD_FOLDER.matcher(name);
      if (!m.find()) {
        runs.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(name, k -> new ArrayList<>()).add(b);
        continue;
      }
      String folder = name.substring(0, m.end());
      String rest = name.substring(m.end() + 1);
      int slash = rest.indexOf('/');
      // run folder (<period>/<runId>/part.csv) or, in the older layout, the file itself (<period>/<file>.csv)
      String run = slash < 0 ? rest : rest.substring(0, slash);
      runs.computeIfAbsent(folder, k -> new TreeMap<>()).computeIfAbsent(run, k -> new ArrayList<>()).add(b);
    }
    Map<String, List<BlobItem>> out = new TreeMap<>();
    runs.forEach((folder, byRun) -> {
      List<BlobItem> newest = null;
      java.time.OffsetDateTime newestAt = null;
      for (List<BlobItem> run : byRun.values()) {
        java.time.OffsetDateTime at = run.stream().map(b -> b.getProperties().getLastModified())
            .filter(Objects::nonNull).max(java.util.Comparator.naturalOrder()).orElse(null);
        if (newest == null || (at != null && (newestAt == null || at.isAfter(newestAt)))) {
          newest = run;
          newestAt = at;
        }
      }
      if (newest != null) {
        if (byRun.size() > 1) {
          LOG.debug("export folder {}: {} runs, reading only the newest", folder, byRun.size());
        }
        out.put(folder, newest);
      }
    });
    return out;
  }

  private BillingBatch fetchExports(State s, BillingPeriod period, Watermark since) {
    List<BlobItem> chosen = new ArrayList<>();
    for (Map.Entry<String, List<BlobItem>> group : exportGroups(s).entrySet()) {
      Matcher m = PERIOD_FOLDER.matcher(group.getKey());
      if (m.find() && !day(m.group(1)).equals(period.start())) {
        continue;
      }
      chosen.addAll(group.getValue());
    }
    StringBuilder fp = new StringBuilder();
    chosen.forEach(b -> fp.append(b.getName()).append(':').append(b.getProperties().getETag()).append(';'));
    Watermark current = Watermark.of("x-" + digest(fp.toString()));
    if (current.equals(since)) {
      return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, List.of(), since);
    }
    List<CostRecord> records = new ArrayList<>();
    readBlobs(s, chosen, r -> {
      if (BillingPeriod.of(r).equals(period)) {
        records.add(r);
      }
    });
    return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, records, current);
  }

  private static void readBlobs(State s, List<BlobItem> blobs, Consumer<CostRecord> sink) {
    for (BlobItem b : blobs) {
      Path tmp;
      try {
        tmp = Files.createTempFile("stratus-azure-export", ".part");
      } catch (IOException e) {
        throw new ProviderException("azure", "cannot create a temporary file for blob " + b.getName(), e);
      }
      try {
        BlobClient blob = s.container.get().getBlobClient(b.getName());
        s.calls.execute(AzureApi.BLOB, AzureCalls.GLOBAL, "download", b.getName(), () -> {
          try (OutputStream out = Files.newOutputStream(tmp)) {
            // no resume-on-network-error inside the SDK: a failed download is retried whole by the policy
            blob.downloadStreamWithResponse(out, null, new DownloadRetryOptions().setMaxRetryRequests(0), null, false,
                null, com.azure.core.util.Context.NONE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return tmp;
        });
        try (InputStream in = Files.newInputStream(tmp)) {
          read(BillingReaders.azure(), in, b.getName(), sink);
        }
      } catch (IOException e) {
        throw new ProviderException("azure", "cannot read downloaded blob " + b.getName(), e);
      } finally {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.warn("cannot delete temporary file {}", tmp, e);
        }
      }
    }
  }

  private static void read(BillingFileReader reader, InputStream in, String name, Consumer<CostRecord> sink) {
    ReadReport report;
    try {
      report = reader.read(in, name, sink);
    } catch (BillingFormatException | UncheckedIOException e) {
      throw new ProviderException("azure", "cannot read " + name + ": " + e.getMessage(), e);
    }
    if (report.rejectionCount() > 0) {
      LOG.warn("{}: {} of {} rows rejected by the {} reader, first: {}", name, report.rejectionCount(),
          report.rowsRead(), reader.format(), report.rejections().isEmpty() ? "" : report.rejections().get(0));
    }
  }

  private static Instant day(String yyyymmdd) {
    return LocalDate.parse(yyyymmdd, DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "AzureBillingSource{" + state.get().config + "}";
  }
}
