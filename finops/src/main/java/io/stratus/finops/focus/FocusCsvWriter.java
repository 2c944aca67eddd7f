package io.stratus.finops.focus;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.apiguardian.api.API;

/**
 * Writes {@link CostRecord}s as FOCUS 1.2 CSV: the 57 FOCUS columns in the specification's alphabetical order plus
 * {@code x_LineItemId}, date/times as {@code YYYY-MM-DDTHH:mm:ssZ}, decimals in plain notation, {@code Tags} as a JSON
 * object, nulls as empty cells. {@link BillingReaders#focus()} reads the output back to equal records.
 *
 * <p>Not thread-safe. Closing closes the target when it is {@link Closeable}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FocusCsvWriter implements Closeable, Flushable {
  /** The header written, in order: the FOCUS columns in the specification's alphabetical order, then x_LineItemId. */
  public static final List<String> COLUMNS = FocusColumn.WRITE_ORDER.stream().map(c -> c.focusName).toList();

  private final Appendable out;
  /** RFC 4180 (a field is quoted when it holds a comma, a quote or a line break), LF line ends, unbuffered. */
  private final CsvWriter csv;
  private final List<String> cells = new ArrayList<>(COLUMNS.size());

  private FocusCsvWriter(Appendable out) throws IOException {
    this.out = out;
    Writer target = out instanceof Writer ? (Writer) out : new AppendableWriter(out);
    this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).bufferSize(0).build(target);
    try {
      csv.writeRecord(COLUMNS);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Writes to an {@link Appendable} that is not a {@link Writer}. */
  private static final class AppendableWriter extends Writer {
    private final Appendable target;

    AppendableWriter(Appendable target) {
      this.target = target;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      target.append(java.nio.CharBuffer.wrap(cbuf, off, len));
    }

    @Override
    public void flush() {
      // the owning FocusCsvWriter flushes the target itself
    }

    @Override
    public void close() {
      // the owning FocusCsvWriter closes the target itself
    }
  }

  /**
   * A writer that has written the header.
   *
   * @param out where to write; never null
   * @return the writer; never null
   * @throws UncheckedIOException if the header cannot be written
   */
  public static FocusCsvWriter create(Appendable out) {
    try {
      return new FocusCsvWriter(Objects.requireNonNull(out, "out"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write FOCUS header", e);
    }
  }

  /**
   * Writes one record.
   *
   * @param r the record; never null
   * @throws UncheckedIOException if the target fails
   */
  public void write(CostRecord r) {
    cells.clear();
    for (FocusColumn c : FocusColumn.WRITE_ORDER) {
      cells.add(c.format(r.value(c)));
    }
    try {
      csv.writeRecord(cells);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write FOCUS row: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void flush() {
    try {
      if (out instanceof Flushable) {
        ((Flushable) out).flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush FOCUS output", e);
    }
  }

  @Override
  public void close() {
    try {
      if (out instanceof Closeable) {
        ((Closeable) out).close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close FOCUS output", e);
    }
  }
}
