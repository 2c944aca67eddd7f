package io.stratus.spark.billing;

import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.DecimalRounding;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.focus.ReadReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Normalizes billing exports to FOCUS Parquet on Spark with the finops readers: every input file (AWS CUR legacy or
 * 2.0, Azure, GCP, OCI or FOCUS; plain or gzip) is read by one task with the same {@link BillingFileReader} a single
 * JVM uses, and the records are written as {@link FocusParquet} partitioned by billing period and provider. The
 * {@link NormalizeReport} holds every file's {@link ReadReport} (rejections with row, column and rule; conformance
 * findings; totals) and the decimals rounded to fit {@code DECIMAL(38, 18)} by the one rule of
 * {@link FocusDecimals} (counted per column, never rejected).
 *
 * <p>Idempotent: the write goes through Spark's file commit protocol, so the files of a failed or retried task
 * attempt are discarded and each record is written once; each file's report is kept once however many attempts its
 * task took. The output is overwritten per partition (the billing periods and providers in the input are replaced,
 * others kept), so running the job again on the same input gives the same output.
 *
 * <p>A file is the unit of work: a task holds one file's records at a time, so memory per task grows with the largest
 * file (split exports, as AWS does for large CURs, spread the work). A file that cannot be read to its end
 * ({@link io.stratus.finops.focus.BillingFormatException}) fails its task, and after Spark's retries the job, with
 * the file named in the error.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called more than once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NormalizeJob implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(NormalizeJob.class);

  /** The format ids {@link Builder#format} accepts. */
  static final Set<String> FORMATS = Set.of("detect", "focus", "aws-cur", "azure", "gcp", "oci");

  private final List<String> inputs;
  private final String output;
  private final String format;
  private final String sourceId;
  private final @Nullable Interceptor interceptor;

  private NormalizeJob(Builder b) {
    this.inputs = List.copyOf(b.inputs);
    this.output = Objects.requireNonNull(b.output, "normalizeJob.output must be set");
    this.format = b.format;
    this.sourceId = b.sourceId;
    this.interceptor = b.interceptor;
    if (inputs.isEmpty()) {
      throw new IllegalStateException("normalizeJob.input must name at least one file or directory");
    }
  }

  /**
   * A new builder (format {@code detect}, source id {@code spark}).
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the inputs, writes FOCUS Parquet under the output directory and reports. A task that fails beyond Spark's
   * retries fails the run with Spark's (undeclared, checked) {@code SparkException}, whose cause names the file.
   *
   * @param spark the session; never null
   * @return the report; never null
   */
  public NormalizeReport run(SparkSession spark) {
    Objects.requireNonNull(spark, "spark");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CollectionAccumulator<FileReport> reports = spark.sparkContext().collectionAccumulator("stratus.normalize");
    JavaPairRDD<String, PortableDataStream> files = jsc.binaryFiles(String.join(",", inputs), jsc.defaultParallelism());
    JavaRDD<Row> rows = files.mapPartitions(new ReadFiles(format, sourceId, reports, interceptor));
    spark.createDataFrame(rows, FocusParquet.schema())
        .write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(FocusParquet.BILLING_PERIOD, FocusParquet.PROVIDER)
        .parquet(output);
    Map<String, ReadReport> byPath = new LinkedHashMap<>();
    Map<String, List<DecimalRounding>> roundings = new LinkedHashMap<>();
    for (FileReport r : reports.value()) {
      if (byPath.putIfAbsent(r.path, r.toReadReport()) == null) {
        roundings.put(r.path, r.roundings());
      }
    }
    NormalizeReport report = new NormalizeReport(output, byPath, roundings);
    LOG.atInfo()
        .addKeyValue("files", byPath.size())
        .addKeyValue("rows", report.rowsRead())
        .addKeyValue("records", report.recordsWritten())
        .addKeyValue("rejected", report.rejectionCount())
        .addKeyValue("reconciled", report.isReconciled())
        .log("normalized billing files to FOCUS Parquet at {}", output);
    return report;
  }

  /**
   * The {@code spark-submit} entry point: {@code --input PATH[,PATH...] --output DIR [--format
   * detect|focus|aws-cur|azure|gcp|oci] [--source ID]}. Logs the report's counts; fails (non-zero exit) when the
   * arguments are wrong or a task fails beyond Spark's retries.
   *
   * @param args the arguments; never null
   */
  public static void main(String[] args) {
    Builder b = builder();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--input":
          for (String p : v.split(",")) {
            b.input(p);
          }
          break;
        case "--output":
          b.output(v);
          break;
        case "--format":
          b.format(v);
          break;
        case "--source":
          b.sourceId(v);
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option " + args[i] + "; expected --input, --output, --format or --source");
      }
    }
    NormalizeJob job = b.build();
    SparkSession spark = SparkSession.builder().appName("stratus-normalize").getOrCreate();
    try {
      NormalizeReport r = job.run(spark);
      r.rejections().forEach((file, rs) -> rs.forEach(x -> LOG.warn("{}: rejected {}", file, x)));
      r.findings().forEach(f -> LOG.warn("conformance: {}", f));
      r.roundings().forEach(f -> LOG.warn("conformance: {}", f));
    } finally {
      spark.stop();
    }
  }

  /** A hook called before each record is handed to the writer (tests inject task failures with it). */
  interface Interceptor extends Serializable {
    void beforeRecord(String path, long recordIndex, int attempt);
  }

  /** The task: reads its files one after another with the finops reader, one file's rows in memory at a time. */
  private static final class ReadFiles
      implements FlatMapFunction<Iterator<Tuple2<String, PortableDataStream>>, Row> {
    private static final long serialVersionUID = 1L;
    private final String format;
    private final String sourceId;
    private final CollectionAccumulator<FileReport> reports;
    private final @Nullable Interceptor interceptor;

    ReadFiles(String format, String sourceId, CollectionAccumulator<FileReport> reports,
        @Nullable Interceptor interceptor) {
      this.format = format;
      this.sourceId = sourceId;
      this.reports = reports;
      this.interceptor = interceptor;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<String, PortableDataStream>> files) {
      int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
      return new Iterator<>() {
        private Iterator<Row> current = Collections.emptyIterator();
        private String path = "";
        private long index;

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && files.hasNext()) {
            Tuple2<String, PortableDataStream> next = files.next();
            path = next._1();
            current = read(next._1(), next._2()).iterator();
            index = 0;
          }
          return current.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          if (interceptor != null) {
            interceptor.beforeRecord(path, index, attempt);
          }
          index++;
          return current.next();
        }
      };
    }

    private List<Row> read(String path, PortableDataStream data) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      List<Row> rows = new ArrayList<>();
      long[] n = {0};
      FocusDecimals.Tally roundings = new FocusDecimals.Tally();
      ReadReport report;
      try (InputStream in = data.open()) {
        report = reader(format).read(in, name,
            r -> rows.add(FocusParquet.toRow(roundings.round(r), sourceId, path, n[0]++)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read billing file " + path + ": " + e.getMessage(), e);
      }
      reports.add(new FileReport(path, report, roundings.roundings()));
      return rows;
    }
  }

  static BillingFileReader reader(String format) {
    switch (format) {
      case "focus":
        return BillingReaders.focus();
      case "aws-cur":
        return BillingReaders.awsCur();
      case "azure":
        return BillingReaders.azure();
      case "gcp":
        return BillingReaders.gcp();
      case "oci":
        return BillingReaders.oci();
      default:
        return BillingReaders.detect();
    }
  }

  /**
   * Builds a {@link NormalizeJob}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<String> inputs = new ArrayList<>();
    private @Nullable String output;
    private String format = "detect";
    private String sourceId = "spark";
    private @Nullable Interceptor interceptor;

    private Builder() {}

    /**
     * Adds an input: a file, a directory (its files) or a glob, in any file system Spark's Hadoop configuration
     * reaches ({@code file:}, {@code hdfs:}, {@code s3a:}...).
     *
     * @param path the path; never null or blank
     * @return this builder
     * @throws IllegalArgumentException if the path is blank or holds a comma
     */
    public Builder input(String path) {
      Objects.requireNonNull(path, "input");
      if (path.isBlank() || path.contains(",")) {
        throw new IllegalArgumentException("normalizeJob.input must be a non-blank path without commas, got '"
            + path + "'");
      }
      inputs.add(path);
      return this;
    }

    /**
     * The directory to write FOCUS Parquet into (partitions {@code x_BillingPeriod=YYYY-MM/x_Provider=NAME}).
     *
     * @param directory the directory; never null or blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder output(String directory) {
      Objects.requireNonNull(directory, "output");
      if (directory.isBlank()) {
        throw new IllegalArgumentException("normalizeJob.output must not be blank");
      }
      this.output = directory;
      return this;
    }

    /**
     * The reader: {@code detect} (from each file's header; the default), {@code focus}, {@code aws-cur},
     * {@code azure}, {@code gcp} or {@code oci} (see {@link BillingReaders}).
     *
     * @param format the format id; never null
     * @return this builder
     * @throws IllegalArgumentException if the id is not one of those
     */
    public Builder format(String format) {
      Objects.requireNonNull(format, "format");
      String f = format.toLowerCase(Locale.ROOT);
      if (!FORMATS.contains(f)) {
        throw new IllegalArgumentException(
            "normalizeJob.format must be one of " + new java.util.TreeSet<>(FORMATS) + ", got '" + format + "'");
      }
      this.format = f;
      return this;
    }

    /**
     * The source id written in {@code x_Source} (the {@code Source} dimension of cost queries).
     *
     * @param sourceId the id; never null or blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder sourceId(String sourceId) {
      Objects.requireNonNull(sourceId, "sourceId");
      if (sourceId.isBlank()) {
        throw new IllegalArgumentException("normalizeJob.sourceId must not be blank");
      }
      this.sourceId = sourceId;
      return this;
    }

    Builder interceptor(Interceptor interceptor) {
      this.interceptor = interceptor;
      return this;
    }

    /**
     * The job.
     *
     * @return the job; never null
     * @throws IllegalStateException if no input or no output was set
     */
    public NormalizeJob build() {
      if (output == null) {
        throw new IllegalStateException("normalizeJob.output must be set");
      }
      return new NormalizeJob(this);
    }
  }
}
