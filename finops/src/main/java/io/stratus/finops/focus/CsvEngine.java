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
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The streaming loop shared by the CSV readers: gzip detection, UTF-8 decoding (invalid bytes become U+FFFD and
 * reject their row), a byte-order mark, header binding, and per-row mapping into records or rejections.
 */
final class CsvEngine {
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

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

  static ReadReport read(RowFormat format, Reader in, String fileName, Consumer<? super CostRecord> sink) {
    Totals t = new Totals(fileName, format.id());
    CSVParser parser;
    Iterator<CSVRecord> it;
    try {
      parser = CSVParser.parse(in, CSV);
      it = parser.iterator();
    } catch (IOException | UncheckedIOException e) {
      throw new BillingFormatException(
          "billing file " + fileName + " cannot be opened as " + format.id() + ": " + e.getMessage(), t.report(), e);
    }
    if (!next(it, t, fileName)) {
      throw new BillingFormatException("billing file " + fileName + " is empty: no header row", t.report(), null);
    }
    CSVRecord headerRecord = it.next();
    List<String> names = new ArrayList<>(headerRecord.size());
    for (String n : headerRecord) {
      names.add(n);
    }
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
    Row row = new Row(header);
    String[] cells = new String[Math.max(16, header.size())];
    long dataRow = 0;
    while (next(it, t, fileName)) {
      CSVRecord rec = it.next();
      dataRow++;
      t.rows++;
      int n = rec.size();
      if (cells.length < n) {
        cells = new String[n];
      }
      for (int i = 0; i < n; i++) {
        cells[i] = rec.get(i);
      }
      row.reset(dataRow, cells, n);
      process(bound, row, t, sink, header.size());
    }
    return t.report();
  }

  /** Maps one row into the sink or a rejection, keeping the totals. */
  static void process(RowFormat.Bound bound, Row row, Totals t, Consumer<? super CostRecord> sink, int width) {
    BigDecimal sourceAmount = bound.sourceCost(row);
    String currency = bound.sourceCurrency(row);
    Totals.add(t.source, currency, sourceAmount);
    Rejection rejection = null;
    if (row.numberOfCells() != width) {
      rejection =
          new Rejection(
              row.number(), "*", "expected " + width + " fields as in the header, got " + row.numberOfCells(), "");
    } else {
      int bad = row.firstInvalidText();
      if (bad >= 0) {
        rejection =
            new Rejection(row.number(), row.header().name(bad), "invalid UTF-8 bytes (replaced by U+FFFD)", "");
      }
    }
    if (rejection == null) {
      try {
        CostRecord r = bound.map(row);
        t.emitted++;
        Totals.add(t.normalized, r.billingCurrency().getCurrencyCode(), bound.normalizedCost(r));
        sink.accept(r);
        return;
      } catch (RowException e) {
        rejection = new Rejection(row.number(), e.column, e.reason, e.value);
      } catch (IllegalArgumentException | NullPointerException e) {
        String msg = String.valueOf(e.getMessage());
        int sp = msg.indexOf(' ');
        rejection = new Rejection(row.number(), sp > 0 ? msg.substring(0, sp) : "*", msg, "");
      }
    }
    t.reject(rejection);
    Totals.add(t.rejected, currency, sourceAmount);
  }

  private static boolean next(Iterator<CSVRecord> it, Totals t, String fileName) {
    try {
      return it.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String what =
          cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException
              ? "the compressed stream is truncated or corrupt"
              : "the CSV is malformed (" + cause.getMessage() + ")";
      throw new BillingFormatException(
          "billing file " + fileName + ": " + what + " after data row " + t.rows + "; the " + t.emitted
              + " valid rows before it were emitted",
          t.report(),
          e);
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
