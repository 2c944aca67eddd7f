package io.stratus.finops.focus;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The built-in {@link BillingFileReader}s: FOCUS CSV, AWS CUR (legacy and 2.0), Azure Cost Management exports, GCP
 * billing export rows and OCI cost reports, plus {@link #detect()} which picks one from the file's header. Each reader's column mapping
 * follows the FinOps Foundation conversion rules; the decisions are listed in each format's documentation (see the
 * package-private {@code *Format} classes).
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BillingReaders {
  private BillingReaders() {}

  /**
   * FOCUS CSV 1.0 to 1.2, including the FOCUS exports of AWS Data Exports and Azure Cost Management.
   *
   * @return the reader; never null
   */
  public static BillingFileReader focus() {
    return new CsvReader(new FocusCsvFormat());
  }

  /**
   * AWS Cost and Usage Report, legacy ({@code lineItem/…}) or 2.0 ({@code line_item_…}) column names.
   *
   * @return the reader; never null
   */
  public static BillingFileReader awsCur() {
    return new CsvReader(new AwsCurFormat());
  }

  /**
   * Azure Cost Management cost-details export (EA or MCA); amortized when the file name contains "amortized".
   *
   * @return the reader; never null
   */
  public static BillingFileReader azure() {
    return new CsvReader(new AzureCostFormat(null));
  }

  /**
   * Azure actual-cost export.
   *
   * @return the reader; never null
   */
  public static BillingFileReader azureActual() {
    return new CsvReader(new AzureCostFormat(false));
  }

  /**
   * Azure amortized-cost export.
   *
   * @return the reader; never null
   */
  public static BillingFileReader azureAmortized() {
    return new CsvReader(new AzureCostFormat(true));
  }

  /**
   * GCP billing export rows (standard or detailed), as JSON lines or CSV, detected from the content.
   *
   * @return the reader; never null
   */
  public static BillingFileReader gcp() {
    return new CsvReader(new GcpBillingFormat());
  }

  /**
   * Oracle Cloud Infrastructure cost reports ({@code cost/myCost} and the other {@code lineItem/}, {@code product/},
   * {@code cost/} columns). OCI's FOCUS reports are read by {@link #focus()}.
   *
   * @return the reader; never null
   */
  public static BillingFileReader oci() {
    return new CsvReader(new OciCostReportFormat());
  }

  /**
   * A reader that picks the format from the header's column names, compared whole (ignoring case): FOCUS
   * ({@code BilledCost}), AWS CUR ({@code lineItem/UnblendedCost} or {@code line_item_unblended_cost}), OCI cost report
   * ({@code cost/myCost}), GCP ({@code billing_account_id}, or JSON lines), Azure ({@code SubscriptionId},
   * {@code MeterCategory}, {@code ChargeType} or {@code CostInBillingCurrency}), in that order of precedence.
   *
   * @return the reader; never null
   */
  public static BillingFileReader detect() {
    return new CsvReader(null);
  }

  /**
   * A reader that reads like {@code reader} but normalizes on the host's executor: the calling thread decompresses,
   * decodes and tokenizes the file into batches of rows (about a thousand each); the batches are normalized as tasks
   * on the executor, up to {@code parallelism + 1} in flight, and a task per batch hands its records to the sink after
   * the previous batch's. The sink is thus called from the executor's threads, one record at a time, in file order,
   * each call happening-before the next (a sink that is not thread-safe is fine; one bound to a thread is not). The
   * records, their order and the {@link ReadReport} are the same as the sequential reader's, whatever the executor;
   * memory stays bounded by the batches in flight. {@code read} returns once every record reached the sink. GCP
   * JSON-lines files are read sequentially.
   *
   * @param reader a reader obtained from this class; never null
   * @param executor runs the normalization tasks (e.g. a pool of {@code parallelism} threads); never null
   * @param parallelism the number of batches normalized at once, 1 to 256
   * @return the reader; never null
   * @throws IllegalArgumentException if {@code reader} does not come from this class or {@code parallelism} is out of
   *     range
   */
  public static BillingFileReader parallel(BillingFileReader reader, Executor executor, int parallelism) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(executor, "executor");
    if (!(reader instanceof CsvReader)) {
      throw new IllegalArgumentException(
          "reader must be one of BillingReaders' readers, got " + reader.getClass().getName());
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism must be in [1, 256], got " + parallelism);
    }
    CsvReader r = (CsvReader) reader;
    return new CsvReader(r.format, executor, parallelism, r.strict);
  }

  /**
   * A reader that reads like {@code reader} but rejects the rows that deviate from FOCUS in the ways the default
   * readers accept and report as {@link ConformanceFinding}s (e.g. a null {@code ContractedCost}); with it,
   * {@link ReadReport#findings()} stays empty and such rows are listed as rejections.
   *
   * @param reader a reader obtained from this class (possibly {@link #parallel}); never null
   * @return the strict reader; never null
   * @throws IllegalArgumentException if {@code reader} does not come from this class
   */
  public static BillingFileReader strict(BillingFileReader reader) {
    Objects.requireNonNull(reader, "reader");
    if (!(reader instanceof CsvReader)) {
      throw new IllegalArgumentException(
          "reader must be one of BillingReaders' readers, got " + reader.getClass().getName());
    }
    CsvReader r = (CsvReader) reader;
    return new CsvReader(r.format, r.executor, r.parallelism, true);
  }

  /**
   * A reader that reads like {@code reader} and reports each file to the host's observability: the counters {@code
   * stratus.finops.billing.rows} (tags {@code format}, {@code outcome=ingested|rejected}) and {@code
   * stratus.finops.billing.files} ({@code outcome=read|failed}), added to once per file, and a span {@code
   * stratus.finops.ingest} with the file name, format and row counts. It logs each file read at INFO to the logger
   * {@code io.stratus.finops.focus.BillingFileReader}, with the counts as key-value pairs.
   *
   * @param reader any reader; never null
   * @param registry the host's registry; never null
   * @param openTelemetry the host's OpenTelemetry ({@code OpenTelemetry.noop()} for metrics alone); never null
   * @return the reader; never null
   */
  public static BillingFileReader observed(BillingFileReader reader, MeterRegistry registry,
      OpenTelemetry openTelemetry) {
    return new ObservedReader(reader, registry, openTelemetry);
  }

  /** Reads CSV (and, for GCP, JSON lines) through the shared engine. */
  private static final class CsvReader implements BillingFileReader {
    private final RowFormat format;
    private final Executor executor;
    private final int parallelism;
    private final boolean strict;

    CsvReader(RowFormat format) {
      this(format, null, 0, false);
    }

    CsvReader(RowFormat format, Executor executor, int parallelism, boolean strict) {
      this.format = format;
      this.executor = executor;
      this.parallelism = parallelism;
      this.strict = strict;
    }

    @Override
    public String format() {
      return format == null ? "detect" : format.id();
    }

    @Override
    public ReadReport read(InputStream in, String fileName, Consumer<? super CostRecord> sink) {
      Objects.requireNonNull(in, "in");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(sink, "sink");
      BufferedInputStream data;
      try {
        data = new BufferedInputStream(CsvEngine.decompressed(in), 1 << 16);
      } catch (IOException e) {
        throw new BillingFormatException(
            "billing file " + fileName + " cannot be opened: " + e.getMessage(),
            new Totals(fileName, format()).report(),
            e);
      }
      try {
        CsvEngine.rejectUtf16(data, fileName, format());
        RowFormat f = format;
        boolean json = false;
        if (f == null || f instanceof GcpBillingFormat) {
          json = GcpBillingFormat.looksLikeJson(data);
          if (f == null) {
            f = json ? new GcpBillingFormat() : sniff(data, fileName);
          }
        }
        if (f instanceof AzureCostFormat) {
          f = ((AzureCostFormat) f).forFile(fileName);
        }
        if (strict) {
          f = f.strict();
        }
        if (json && f instanceof GcpBillingFormat) {
          return GcpBillingFormat.readJsonLines(CsvEngine.utf8(data), fileName, sink);
        }
        return CsvEngine.read(f, CsvEngine.utf8(data), fileName, sink, executor, parallelism);
      } catch (IOException e) {
        throw new BillingFormatException(
            "billing file " + fileName + " cannot be read: " + e.getMessage(),
            new Totals(fileName, format()).report(),
            e);
      }
    }
  }

  /** Per format, in order of precedence, the header columns (lower case, whole names) that identify it. */
  private static final List<Map.Entry<String, List<String>>> MARKERS =
      List.of(
          Map.entry("focus", List.of("billedcost")),
          Map.entry("aws", List.of("lineitem/unblendedcost", "line_item_unblended_cost")),
          Map.entry("oci", List.of("cost/mycost")),
          Map.entry("gcp", List.of("billing_account_id")),
          Map.entry("azure", List.of("subscriptionid", "metercategory", "chargetype", "costinbillingcurrency")));

  /**
   * Picks the format whose marker is one of the header's column names, compared whole (trimmed, ignoring case and
   * quotes): {@code cost/subscriptionId} does not make an OCI report an Azure export.
   */
  private static RowFormat sniff(BufferedInputStream data, String fileName) throws IOException {
    data.mark(1 << 20);
    byte[] buf = new byte[1 << 16];
    int n = data.readNBytes(buf, 0, buf.length);
    data.reset();
    String head = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    int nl = head.indexOf('\n');
    String line = nl >= 0 ? head.substring(0, nl) : head;
    java.util.Set<String> columns = new java.util.HashSet<>();
    try {
      for (String name : de.siegmar.fastcsv.reader.CsvReader.builder().ofSingleCsvRecord(line).getFields()) {
        columns.add(name.trim().toLowerCase(Locale.ROOT));
      }
    } catch (de.siegmar.fastcsv.reader.CsvParseException | java.io.UncheckedIOException e) {
      columns.clear();
    }
    for (Map.Entry<String, List<String>> kind : MARKERS) {
      for (String marker : kind.getValue()) {
        if (columns.contains(marker)) {
          switch (kind.getKey()) {
            case "focus":
              return new FocusCsvFormat();
            case "aws":
              return new AwsCurFormat();
            case "oci":
              return new OciCostReportFormat();
            case "gcp":
              return new GcpBillingFormat();
            default:
              return new AzureCostFormat(null);
          }
        }
      }
    }
    throw new BillingFormatException(
        "billing file " + fileName + " is not a recognized billing export: its header has none of the columns"
            + " BilledCost (FOCUS), lineItem/UnblendedCost or line_item_unblended_cost (AWS CUR), cost/myCost (OCI"
            + " cost report), billing_account_id (GCP), SubscriptionId/MeterCategory/ChargeType/CostInBillingCurrency"
            + " (Azure). Choose a reader explicitly or check the delimiter (comma expected).",
        new Totals(fileName, "detect").report(),
        null);
  }
}
