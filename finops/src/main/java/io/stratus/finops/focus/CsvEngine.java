package io.stratus.finops.focus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

/**
 * The streaming loop shared by the CSV readers: gzip detection, UTF-8 decoding (invalid bytes become U+FFFD and
 * reject their row), a byte-order mark, header binding, and per-row mapping into records or rejections.
 */
final class CsvEngine {
  private CsvEngine() {}

  /** Wraps a stream in a gzip decoder when it starts with the gzip magic bytes. */
  static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int m1 = b.read();
    int m2 = b.read();
    b.reset();
    if (m1 == 0x1f && m2 == 0x8b) {
      return new BufferedInputStream(new NothingAvailable(new GZIPInputStream(b, 1 << 16)), 1 << 16);
    }
    return b;
  }

  /**
   * Reports nothing available, so that buffering readers above hand out what was already inflated instead of reading
   * on into a truncated stream and losing it with the exception: every complete row before a corruption is emitted.
   */
  private static final class NothingAvailable extends java.io.FilterInputStream {
    NothingAvailable(InputStream in) {
      super(in);
    }

    @Override
    public int available() {
      return 0;
    }
  }

  static Reader utf8(InputStream decompressed) {
    return new InputStreamReader(decompressed, StandardCharsets.UTF_8);
  }

  /** Rows mapped per batch. */
  static final int BATCH_ROWS = 1024;

  /**
   * Reads a CSV file: FastCSV tokenizes on the calling thread, rows are mapped in batches of {@link #BATCH_ROWS}, and
   * the records reach the sink on the calling thread in file order. With an executor, up to {@code parallelism}
   * batches are mapped on it at once (each by its own bound format, so the formats' caches are never shared), while
   * the calling thread tokenizes the next one; memory stays bounded by {@code parallelism + 1} batches. The result
   * (records, their order, the report) is the same with or without an executor.
   *
   * @param executor null to map on the calling thread
   */
  static ReadReport read(
      RowFormat format, Reader in, String fileName, Consumer<? super CostRecord> sink, Executor executor,
      int parallelism) {
    Totals t = new Totals(fileName, format.id());
    Cells cells = new Cells();
    Iterator<String[]> it;
    try {
      it =
          CsvReader.builder()
              .skipEmptyLines(true)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .build(cells, in)
              .iterator();
    } catch (UncheckedIOException | CsvParseException e) {
      throw new BillingFormatException(
          "billing file " + fileName + " cannot be opened as " + format.id() + ": " + e.getMessage(), t.report(), e);
    }
    PendingFailure failure = advance(it);
    if (failure != null) {
      throw failure.complete(fileName, t);
    }
    if (!it.hasNext()) {
      throw new BillingFormatException("billing file " + fileName + " is empty: no header row", t.report(), null);
    }
    List<String> names = new ArrayList<>(Arrays.asList(it.next()));
    if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
      names.set(0, names.get(0).substring(1));
    }
    Header header = new Header(names);
    RowFormat.Bound bound = format.bind(header);
    t.sourceColumn = bound.sourceCostColumn();
    t.normalizedColumn = bound.normalizedCostColumn();
    if (!header.missing().isEmpty()) {
      throw new BillingFormatException(missingMessage(fileName, format.id(), header), t.report(), null);
    }
    cells.intern(header.size());
    Batch[] lanes = new Batch[executor == null ? 1 : parallelism + 1];
    lanes[0] = new Batch(bound, header);
    long submitted = 0;
    long merged = 0;
    try {
      while (failure == null) {
        int lane = (int) (submitted % lanes.length);
        if (submitted - merged == lanes.length) {
          lanes[lane].mergeInto(t, sink);
          merged++;
        }
        if (lanes[lane] == null) {
          lanes[lane] = new Batch(format.bind(header), header);
        }
        Batch b = lanes[lane];
        b.clear();
        while (b.size < BATCH_ROWS && (failure = advance(it)) == null && it.hasNext()) {
          String[] row = it.next();
          t.rows++;
          b.add(t.rows, row, cells.firstInvalid());
        }
        if (b.size == 0) {
          break;
        }
        b.start(executor);
        submitted++;
        if (b.size < BATCH_ROWS && failure == null) {
          break;
        }
      }
      while (merged < submitted) {
        lanes[(int) (merged % lanes.length)].mergeInto(t, sink);
        merged++;
      }
    } finally {
      while (merged < submitted) {
        lanes[(int) (merged % lanes.length)].awaitQuietly();
        merged++;
      }
    }
    if (failure != null) {
      throw failure.complete(fileName, t);
    }
    return t.report();
  }

  /**
   * Lets the tokenizer look ahead to the next record; returns the failure (not thrown, so that the rows read before
   * it are still mapped and emitted first), or null.
   */
  private static PendingFailure advance(Iterator<String[]> it) {
    try {
      it.hasNext();
      return null;
    } catch (UncheckedIOException | CsvParseException | IllegalStateException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof IOException)) {
        cause = cause.getCause();
      }
      boolean compressed =
          cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException;
      return new PendingFailure(compressed ? "the compressed stream is truncated or corrupt"
          : "the CSV is malformed (" + (e instanceof UncheckedIOException ? cause.getMessage() : e.getMessage()) + ")",
          e);
    }
  }

  /** A tokenizer failure whose message is completed once the rows before it were emitted. */
  private static final class PendingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String what;

    PendingFailure(String what, RuntimeException cause) {
      super(what, cause, false, false);
      this.what = what;
    }

    BillingFormatException complete(String fileName, Totals t) {
      return new BillingFormatException(
          "billing file " + fileName + ": " + what + " after data row " + t.rows + "; the " + t.emitted
              + " valid rows before it were emitted",
          t.report(),
          getCause());
    }
  }

  /** Maps one row into the sink or a rejection, keeping the totals (the JSON-lines reader's per-row path). */
  static void process(RowFormat.Bound bound, Row row, Totals t, Consumer<? super CostRecord> sink, int width) {
    Batch one = new Batch(bound, row.header(), 1);
    one.mapRow(0, row, width);
    one.size = 1;
    one.mergeInto(t, sink);
  }

  /**
   * One batch of rows and, once mapped, their outcomes. Mapping touches only the batch and its own bound format;
   * merging (totals, rejections, sink) happens on the reading thread in file order. Not thread-safe: the future's
   * completion orders the mapping thread's writes before the merge.
   */
  private static final class Batch {
    private final RowFormat.Bound bound;
    private final Row row;
    private final int width;
    private final long[] numbers;
    private final String[][] cells;
    private final int[] invalid;
    private final CostRecord[] records;
    private final Rejection[] rejections;
    private final BigDecimal[] sourceAmounts;
    private final String[] currencies;
    private final BigDecimal[] normalized;
    private int size;
    private CompletableFuture<Void> future;

    Batch(RowFormat.Bound bound, Header header) {
      this(bound, header, BATCH_ROWS);
    }

    Batch(RowFormat.Bound bound, Header header, int capacity) {
      this.bound = bound;
      this.row = new Row(header);
      this.width = header.size();
      numbers = new long[capacity];
      cells = new String[capacity][];
      invalid = new int[capacity];
      records = new CostRecord[capacity];
      rejections = new Rejection[capacity];
      sourceAmounts = new BigDecimal[capacity];
      currencies = new String[capacity];
      normalized = new BigDecimal[capacity];
    }

    void clear() {
      Arrays.fill(cells, 0, size, null);
      Arrays.fill(records, 0, size, null);
      Arrays.fill(rejections, 0, size, null);
      Arrays.fill(sourceAmounts, 0, size, null);
      Arrays.fill(currencies, 0, size, null);
      Arrays.fill(normalized, 0, size, null);
      size = 0;
      future = null;
    }

    void add(long number, String[] values, int firstInvalid) {
      numbers[size] = number;
      cells[size] = values;
      invalid[size] = firstInvalid;
      size++;
    }

    void start(Executor executor) {
      if (executor == null) {
        mapAll();
      } else {
        future = CompletableFuture.runAsync(this::mapAll, executor);
      }
    }

    private void mapAll() {
      for (int i = 0; i < size; i++) {
        row.reset(numbers[i], cells[i], cells[i].length, invalid[i]);
        mapRow(i, row, width);
      }
    }

    void mapRow(int i, Row r, int expectedWidth) {
      sourceAmounts[i] = bound.sourceCost(r);
      currencies[i] = bound.sourceCurrency(r);
      if (r.numberOfCells() != expectedWidth) {
        rejections[i] =
            new Rejection(
                r.number(), "*", "expected " + expectedWidth + " fields as in the header, got " + r.numberOfCells(),
                "");
        return;
      }
      int bad = r.firstInvalidText();
      if (bad >= 0) {
        rejections[i] =
            new Rejection(r.number(), r.header().name(bad), "invalid UTF-8 bytes (replaced by U+FFFD)", "");
        return;
      }
      try {
        CostRecord rec = bound.map(r);
        records[i] = rec;
        normalized[i] = bound.normalizedCost(rec);
      } catch (RowException e) {
        rejections[i] = new Rejection(r.number(), e.column, e.reason, e.value);
      } catch (IllegalArgumentException | NullPointerException e) {
        rejections[i] = fromMessage(r.number(), e);
      }
    }

    private static Rejection fromMessage(long number, RuntimeException e) {
      String msg = String.valueOf(e.getMessage());
      int sp = msg.indexOf(' ');
      return new Rejection(number, sp > 0 ? msg.substring(0, sp) : "*", msg, "");
    }

    void mergeInto(Totals t, Consumer<? super CostRecord> sink) {
      if (future != null) {
        try {
          future.join();
        } catch (CompletionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException) {
            throw (RuntimeException) c;
          }
          if (c instanceof Error) {
            throw (Error) c;
          }
          throw e;
        }
        future = null;
      }
      for (int i = 0; i < size; i++) {
        Totals.add(t.source, currencies[i], sourceAmounts[i]);
        Rejection rejection = rejections[i];
        CostRecord r = records[i];
        if (r != null) {
          try {
            sink.accept(r);
            t.emitted++;
            Totals.add(t.normalized, r.billingCurrency().getCurrencyCode(), normalized[i]);
            continue;
          } catch (IllegalArgumentException | NullPointerException e) {
            rejection = fromMessage(numbers[i], e);
          }
        }
        t.reject(rejection);
        Totals.add(t.rejected, currencies[i], sourceAmounts[i]);
      }
    }

    void awaitQuietly() {
      CompletableFuture<Void> f = future;
      if (f != null) {
        try {
          f.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
          // the read is already failing with another exception; this batch's outcome is not used
        }
      }
    }
  }

  static String missingMessage(String fileName, String format, Header header) {
    StringBuilder sb =
        new StringBuilder("billing file ")
            .append(fileName)
            .append(" is not a ")
            .append(format)
            .append(" file: missing mandatory columns ")
            .append(header.missing());
    if (header.size() <= 2) {
      String first = header.names().isEmpty() ? "" : header.names().get(0);
      for (char d : new char[] {';', '\t', '|'}) {
        if (first.indexOf(d) >= 0) {
          sb.append("; the header has ")
              .append(header.size())
              .append(" column(s) and contains '")
              .append(d == '\t' ? "\\t" : String.valueOf(d))
              .append("': the file seems to use another delimiter, re-export it comma-separated");
          break;
        }
      }
    }
    return sb.toString();
  }
}
