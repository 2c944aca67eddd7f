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
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;

/**
 * The streaming loop shared by the CSV readers: gzip detection, UTF-8 decoding (invalid bytes become U+FFFD and
 * reject their row), tokenizing with FastCSV (RFC 4180: quoted fields, doubled quotes, quoted newlines; empty lines
 * skipped and not counted), a byte-order mark, header binding, and mapping of batches of rows into records or
 * rejections, optionally on a host executor (see {@link #read}).
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

  /**
   * Fails a file that starts like UTF-16 (a UTF-16 byte-order mark, or ASCII text with every other byte zero): read
   * as UTF-8 it would yield no usable header, or NUL characters in every field.
   */
  static void rejectUtf16(BufferedInputStream data, String fileName, String format) throws IOException {
    data.mark(4);
    byte[] b = data.readNBytes(4);
    data.reset();
    if (b.length < 2) {
      return;
    }
    int b0 = b[0] & 0xFF;
    int b1 = b[1] & 0xFF;
    String order = null;
    if (b0 == 0xFF && b1 == 0xFE) {
      order = b.length == 4 && b[2] == 0 && b[3] == 0 ? "UTF-32 little-endian" : "UTF-16 little-endian";
    } else if (b0 == 0xFE && b1 == 0xFF) {
      order = "UTF-16 big-endian";
    } else if (b.length == 4 && b0 != 0 && b1 == 0 && b[2] != 0 && b[3] == 0) {
      order = "UTF-16 little-endian";
    } else if (b.length == 4 && b0 == 0 && b1 != 0 && b[2] == 0 && b[3] != 0) {
      order = "UTF-16 big-endian";
    }
    if (order != null) {
      throw new BillingFormatException(
          "billing file " + fileName + " is encoded as " + order + "; re-export it as UTF-8 (the billing readers"
              + " read UTF-8, with or without a byte-order mark)",
          new Totals(fileName, format).report(),
          null);
    }
  }

  static Reader utf8(InputStream decompressed) {
    return new InputStreamReader(decompressed, StandardCharsets.UTF_8);
  }

  /** Rows mapped per batch. */
  static final int BATCH_ROWS = 1024;

  /**
   * Reads a CSV file. FastCSV tokenizes on the calling thread, which copies each record's fields (quotes already
   * removed) into the current batch's character buffer. Each batch of {@link #BATCH_ROWS} rows is then mapped (a
   * cell becomes a String only when the format reads it) and merged: totals, rejections and the sink, in file order.
   * Without an executor both happen on the calling thread, batch after batch. With one, both are tasks on it: up to
   * {@code parallelism + 1} batches are in flight, each lane mapped by its own bound format (the formats' caches are
   * never shared), and each merge runs after the previous one, so the sink is called one record at a time, in file
   * order, each call happening-before the next. Memory stays bounded by the lanes. The records, their order and the
   * report are the same with or without an executor.
   *
   * @param executor null to map and merge on the calling thread
   */
  static ReadReport read(
      RowFormat format, Reader in, String fileName, Consumer<? super CostRecord> sink, Executor executor,
      int parallelism) {
    Totals t = new Totals(fileName, format.id());
    Fields fields = new Fields();
    Iterator<Object> it;
    try {
      it =
          CsvReader.builder()
              .skipEmptyLines(true)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .build(fields, new FieldLimiter(in))
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
    List<String> names = new ArrayList<>(Arrays.asList((String[]) it.next()));
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
    if (!header.duplicates().isEmpty()) {
      throw new BillingFormatException(
          "billing file " + fileName + " repeats columns it needs: " + header.duplicates() + "; the copies could"
              + " disagree, so none is chosen. Remove the extra copies (column names compare ignoring case)",
          t.report(), null);
    }
    Batch[] lanes = new Batch[executor == null ? 1 : parallelism + 1];
    lanes[0] = new Batch(bound, header, BATCH_ROWS);
    long submitted = 0;
    CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    try {
      while (failure == null) {
        int lane = (int) (submitted % lanes.length);
        if (lanes[lane] == null) {
          lanes[lane] = new Batch(format.bind(header), header, BATCH_ROWS);
        }
        Batch b = lanes[lane];
        b.awaitMerged();
        b.clear();
        fields.target = b;
        while (b.size < BATCH_ROWS && (failure = advance(it)) == null && it.hasNext()) {
          it.next();
          t.rows++;
          b.numbers[b.size - 1] = t.rows;
        }
        fields.target = null;
        if (b.size == 0) {
          break;
        }
        last = b.start(executor, last, t, sink);
        submitted++;
        if (b.size < BATCH_ROWS && failure == null) {
          break;
        }
      }
      Batch.await(last);
    } finally {
      for (Batch b : lanes) {
        if (b != null) {
          b.awaitQuietly();
        }
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
  private static PendingFailure advance(Iterator<Object> it) {
    try {
      it.hasNext();
      return null;
    } catch (UncheckedIOException | CsvParseException | IllegalStateException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof IOException)) {
        cause = cause.getCause();
      }
      boolean compressed = cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException;
      return new PendingFailure(
          compressed
              ? "the compressed stream is truncated or corrupt"
              : "the CSV is malformed (" + (e instanceof UncheckedIOException ? cause.getMessage() : e.getMessage())
                  + ")",
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
    one.size = 1;
    one.numbers[0] = row.number();
    one.mapRow(0, row, width);
    one.mergeInto(t, sink);
  }

  /**
   * Receives FastCSV's fields: the header as a {@code String[]}, then each data record's fields copied into the
   * target batch (a marker object is returned for them). Empty lines are skipped. Not thread-safe; one per read.
   */
  private static final class Fields extends AbstractBaseCsvCallbackHandler<Object> {
    private static final Object RECORD = new Object();
    private String[] header = new String[64];
    Batch target;

    @Override
    protected void handleBegin(long startingLineNumber) {
      if (target != null) {
        target.beginRow();
      }
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
      if (target != null) {
        target.addField(buf, offset, length);
      } else {
        if (index >= header.length) {
          header = Arrays.copyOf(header, Math.max(index + 1, header.length * 2));
        }
        header[index] = new String(buf, offset, length);
      }
    }

    @Override
    protected Object buildRecord() {
      if (getRecordType() != RecordType.DATA) {
        return null;
      }
      if (target == null) {
        return Arrays.copyOf(header, getFieldCount());
      }
      target.commitRow();
      return RECORD;
    }
  }

  /**
   * One batch of rows: their fields as ranges of one character buffer, then, once mapped, their outcomes. Filled on
   * the reading thread, then mapped and merged (totals, rejections, sink), possibly on other threads; the futures order
   * each step's writes before the next step. Each lane interns the cells of columns that repeat their values
   * (accounts, services, regions, dates, units...), so that repeats share one String with a cached hash code, which
   * spares allocation here and hashing in the stores downstream. Not thread-safe.
   */
  private static final class Batch {
    private final RowFormat.Bound bound;
    private final Row row;
    private final int width;
    private final Interner[] interners;
    private char[] chars = new char[1 << 16];
    private int charCount;
    private int[] fieldStart = new int[1 << 12];
    private int[] fieldEnd = new int[1 << 12];
    private int fieldCount;
    private final int[] rowStart;
    private int openRowStart;
    final long[] numbers;
    private final CostRecord[] records;
    private final Rejection[] rejections;
    private final BigDecimal[] sourceAmounts;
    private final String[] currencies;
    private final BigDecimal[] normalized;
    /** Per row, the accepted deviations, or null (most rows). */
    private final Deviation[][] deviations;
    int size;
    private CompletableFuture<Void> merged;

    Batch(RowFormat.Bound bound, Header header, int capacity) {
      this.bound = bound;
      this.row = new Row(header);
      this.width = header.size();
      interners = new Interner[width];
      for (int i = 0; i < width; i++) {
        interners[i] = new Interner();
      }
      rowStart = new int[capacity + 1];
      numbers = new long[capacity];
      records = new CostRecord[capacity];
      rejections = new Rejection[capacity];
      sourceAmounts = new BigDecimal[capacity];
      currencies = new String[capacity];
      normalized = new BigDecimal[capacity];
      deviations = new Deviation[capacity][];
    }

    void clear() {
      Arrays.fill(records, 0, size, null);
      Arrays.fill(rejections, 0, size, null);
      Arrays.fill(sourceAmounts, 0, size, null);
      Arrays.fill(currencies, 0, size, null);
      Arrays.fill(normalized, 0, size, null);
      Arrays.fill(deviations, 0, size, null);
      size = 0;
      charCount = 0;
      fieldCount = 0;
      openRowStart = 0;
    }

    void beginRow() {
      fieldCount = openRowStart;
    }

    void addField(char[] buf, int offset, int length) {
      if (charCount + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(charCount + length, chars.length * 2));
      }
      if (fieldCount == fieldStart.length) {
        fieldStart = Arrays.copyOf(fieldStart, fieldCount * 2);
        fieldEnd = Arrays.copyOf(fieldEnd, fieldCount * 2);
      }
      System.arraycopy(buf, offset, chars, charCount, length);
      fieldStart[fieldCount] = charCount;
      charCount += length;
      fieldEnd[fieldCount++] = charCount;
    }

    void commitRow() {
      rowStart[size++] = openRowStart;
      openRowStart = fieldCount;
      rowStart[size] = fieldCount;
    }

    /**
     * Maps this batch and merges it once the batch before it ({@code previous}) is merged: inline without an
     * executor, else as two tasks on it.
     *
     * @return completes when this batch is merged
     */
    CompletableFuture<Void> start(
        Executor executor, CompletableFuture<Void> previous, Totals t, Consumer<? super CostRecord> sink) {
      if (executor == null) {
        mapAll();
        mergeInto(t, sink);
        return previous;
      }
      CompletableFuture<Void> mapped = CompletableFuture.runAsync(this::mapAll, executor);
      merged = CompletableFuture.allOf(mapped, previous).thenRunAsync(() -> mergeInto(t, sink), executor);
      return merged;
    }

    /** Waits until the batch's previous use is merged (its buffers can be refilled); rethrows its failure. */
    void awaitMerged() {
      if (merged != null) {
        await(merged);
        merged = null;
      }
    }

    static void await(CompletableFuture<Void> f) {
      try {
        f.join();
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
    }

    private void mapAll() {
      for (int i = 0; i < size; i++) {
        int first = rowStart[i];
        int n = rowStart[i + 1] - first;
        int invalid = -1;
        if (n > 0) {
          for (int c = fieldStart[first], end = fieldEnd[first + n - 1]; c < end; c++) {
            if ((char) (chars[c] + 3) <= 3) {
              invalid = 0;
              while (fieldEnd[first + invalid] <= c) {
                invalid++;
              }
              break;
            }
          }
        }
        row.resetLazy(numbers[i], chars, fieldStart, fieldEnd, first, n, interners, invalid);
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
        rejections[i] = invalidText(r, bad);
        return;
      }
      try {
        CostRecord rec = bound.map(r);
        records[i] = rec;
        normalized[i] = bound.normalizedCost(rec);
        if (!r.deviations().isEmpty()) {
          deviations[i] = r.deviations().toArray(new Deviation[0]);
        }
      } catch (RowException e) {
        rejections[i] = new Rejection(r.number(), e.column, e.reason, e.value);
      } catch (IllegalArgumentException | NullPointerException e) {
        rejections[i] = fromMessage(r.number(), e);
      }
    }

    /** The rejection of a row whose cell holds U+0000, U+FFFD, U+FFFE or {@link FieldLimiter#MARK}. */
    private static Rejection invalidText(Row r, int column) {
      String text = r.text(column);
      String name = column < r.header().size() ? r.header().name(column) : "column " + (column + 1);
      String reason;
      if (text.indexOf(FieldLimiter.MARK) >= 0) {
        reason = "field longer than " + FieldLimiter.FIELD_LIMIT + " characters (or its row longer than "
            + FieldLimiter.RECORD_LIMIT + "): cut while reading";
      } else if (text.indexOf('\0') >= 0) {
        reason = "NUL character (U+0000): binary data in a text field, or a UTF-16 file (re-export it as UTF-8)";
      } else if (text.indexOf('\uFFFD') >= 0) {
        reason = "invalid UTF-8 bytes (replaced by U+FFFD)";
      } else {
        reason = "invalid character U+FFFE";
      }
      return new Rejection(r.number(), name, reason, excerpt(text));
    }

    /** Up to 40 characters of a cell, control and special characters shown as escapes. */
    private static String excerpt(String text) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < text.length() && sb.length() < 40; k++) {
        char ch = text.charAt(k);
        if (ch < ' ' || (char) (ch + 3) <= 3) {
          sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) ch));
        } else {
          sb.append(ch);
        }
      }
      return sb.length() < text.length() ? sb + "..." : sb.toString();
    }

    private static Rejection fromMessage(long number, RuntimeException e) {
      String msg = String.valueOf(e.getMessage());
      int sp = msg.indexOf(' ');
      return new Rejection(number, sp > 0 ? msg.substring(0, sp) : "*", msg, "");
    }

    void mergeInto(Totals t, Consumer<? super CostRecord> sink) {
      for (int i = 0; i < size; i++) {
        Totals.add(t.source, currencies[i], sourceAmounts[i]);
        Rejection rejection = rejections[i];
        CostRecord r = records[i];
        if (r != null) {
          try {
            sink.accept(r);
            t.emitted++;
            if (deviations[i] != null) {
              t.deviated(deviations[i], numbers[i]);
            }
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
      CompletableFuture<Void> f = merged;
      if (f != null) {
        try {
          f.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
          // the read is already failing with another exception; this batch's outcome is not used
        }
      }
    }
  }

  /**
   * A direct-mapped cache of one column's recent values. It switches itself off for the rest of the file when fewer
   * than half of the first lookups hit (identifiers, amounts): there it would only cost time. Not thread-safe.
   */
  static final class Interner {
    private static final int SLOTS = 1024;
    private static final int PROBE = 8192;
    private final String[] values = new String[SLOTS];
    private final char[][] keys = new char[SLOTS][];
    private int lookups;
    private int hits;
    private boolean active = true;

    boolean active() {
      return active;
    }

    /** The string of {@code buf[from, to)}, whose {@link String#hashCode()}-style hash is {@code hash}. */
    String get(char[] buf, int from, int to, int hash) {
      int slot = (hash ^ (hash >>> 10) ^ (hash >>> 20)) & (SLOTS - 1);
      char[] key = keys[slot];
      String s;
      boolean hit = key != null && Arrays.equals(key, 0, key.length, buf, from, to);
      if (hit) {
        s = values[slot];
      } else {
        s = new String(buf, from, to - from);
        keys[slot] = Arrays.copyOfRange(buf, from, to);
        values[slot] = s;
      }
      if (lookups < PROBE) {
        lookups++;
        hits += hit ? 1 : 0;
        if (lookups == PROBE && hits < PROBE / 2) {
          active = false;
          Arrays.fill(keys, null);
          Arrays.fill(values, null);
        }
      }
      return s;
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
