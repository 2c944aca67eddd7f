package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParallelReadTest {
  private static ExecutorService pool;
  private static byte[] big;
  /** Data rows of {@link #big} that must be rejected, 1-based, with the rejected column. */
  private static final List<Long> BAD_ROWS = new ArrayList<>();

  @BeforeAll
  static void setUp() throws IOException {
    pool = Executors.newFixedThreadPool(3);
    String text;
    try (InputStream in = ParallelReadTest.class.getResourceAsStream("/golden/aws/cur-legacy-slice.csv")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<List<String>> rows = new ArrayList<>();
    de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(text).forEach(r -> rows.add(r.getFields()));
    List<String> header = rows.get(0);
    int cost = header.indexOf("lineItem/UnblendedCost");
    int description = header.indexOf("lineItem/LineItemDescription");
    StringBuilder sb = new StringBuilder();
    writeRow(sb, header);
    long row = 0;
    for (int copy = 0; copy < 45; copy++) {
      for (List<String> source : rows.subList(1, rows.size())) {
        List<String> cells = new ArrayList<>(source);
        row++;
        if (row % 997 == 0) {
          cells.set(cost, "1.2.3");
          BAD_ROWS.add(row);
        } else if (row % 1499 == 0) {
          cells.add("extra");
          BAD_ROWS.add(row);
        } else if (row % 1201 == 0) {
          sb.append('\n'); // an empty line: skipped, not counted
        } else if (row % 101 == 0) {
          // a quoted newline in the description keeps the row count right
          cells.set(description, "two\nlines, \"quoted\"");
        }
        writeRow(sb, cells);
      }
    }
    big = sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a CSV row, every cell quoted (quotes doubled). */
  private static void writeRow(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
    }
    sb.append('\n');
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  private static final class Result {
    final List<CostRecord> records = new ArrayList<>();
    ReadReport report;
  }

  private static Result read(BillingFileReader reader, byte[] data) {
    Result r = new Result();
    r.report = reader.read(new ByteArrayInputStream(data), "big.csv", r.records::add);
    return r;
  }

  @Test
  void read_parallel_sameRecordsOrderAndReportAsSequential_whateverTheParallelism() {
    Result sequential = read(BillingReaders.awsCur(), big);
    assertThat(sequential.report.rowsRead()).isEqualTo(45L * 69);
    assertThat(BAD_ROWS).hasSize(5);
    assertThat(sequential.report.rejections()).extracting(Rejection::row).containsExactlyElementsOf(BAD_ROWS);
    assertThat(sequential.report.rejections())
        .extracting(Rejection::column)
        .containsOnly("lineItem/UnblendedCost", "*");
    assertThat(sequential.report.isReconciled()).isTrue();
    assertThat(sequential.records.stream().filter(x -> "two\nlines, \"quoted\"".equals(x.chargeDescription())))
        .isNotEmpty();
    for (int parallelism : new int[] {1, 2, 4}) {
      Result parallel = read(BillingReaders.parallel(BillingReaders.awsCur(), pool, parallelism), big);
      assertThat(parallel.records).as("parallelism %d", parallelism).isEqualTo(sequential.records);
      assertThat(parallel.report).as("parallelism %d", parallelism).isEqualTo(sequential.report);
    }
    Result direct = read(BillingReaders.parallel(BillingReaders.awsCur(), Runnable::run, 2), big);
    assertThat(direct.records).isEqualTo(sequential.records);
    assertThat(direct.report).isEqualTo(sequential.report);
  }

  @Test
  void read_parallelTruncatedGzip_emitsTheSamePrefixAndFailsTheSameWay() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(big);
    }
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() * 7 / 10);
    List<String> messages = new ArrayList<>();
    List<List<CostRecord>> emitted = new ArrayList<>();
    for (BillingFileReader reader :
        List.of(BillingReaders.awsCur(), BillingReaders.parallel(BillingReaders.awsCur(), pool, 2))) {
      List<CostRecord> got = new ArrayList<>();
      assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(cut), "cut.csv.gz", got::add))
          .isInstanceOf(BillingFormatException.class)
          .hasMessageContaining("truncated or corrupt")
          .satisfies(e -> messages.add(e.getMessage()))
          .satisfies(e -> assertThat(((BillingFormatException) e).partialReport().recordsEmitted())
              .isEqualTo(got.size()));
      emitted.add(got);
    }
    assertThat(emitted.get(0)).hasSizeGreaterThan(CsvEngine.BATCH_ROWS);
    assertThat(emitted.get(1)).isEqualTo(emitted.get(0));
    assertThat(messages.get(1)).isEqualTo(messages.get(0));
  }

  @Test
  void read_parallelSinkFailure_propagatesAndStopsTheRead() {
    BillingFileReader reader = BillingReaders.parallel(BillingReaders.awsCur(), pool, 2);
    List<CostRecord> got = new ArrayList<>();
    assertThatThrownBy(
            () ->
                reader.read(
                    new ByteArrayInputStream(big),
                    "big.csv",
                    r -> {
                      if (got.size() == 1500) {
                        throw new IllegalStateException("sink is full");
                      }
                      got.add(r);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sink is full");
    assertThat(got).hasSize(1500);
  }

  @Test
  void parallel_badArguments_failNamingThem() {
    assertThatThrownBy(() -> BillingReaders.parallel(BillingReaders.focus(), pool, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism")
        .hasMessageContaining("0");
    BillingFileReader foreign =
        new BillingFileReader() {
          @Override
          public String format() {
            return "mine";
          }

          @Override
          public ReadReport read(InputStream in, String fileName, java.util.function.Consumer<? super CostRecord> s) {
            return null;
          }
        };
    assertThatThrownBy(() -> BillingReaders.parallel(foreign, pool, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BillingReaders");
    assertThatThrownBy(() -> BillingReaders.parallel(BillingReaders.focus(), null, 2))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }
}
