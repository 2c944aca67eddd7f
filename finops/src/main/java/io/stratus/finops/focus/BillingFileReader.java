package io.stratus.finops.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Streams one billing file (plain or gzip, detected from the content) into normalized {@link CostRecord}s, in constant
 * memory whatever the file size. Each data row either reaches the sink or is listed in the returned
 * {@link ReadReport}'s rejections; the report reconciles the totals. Obtain readers from {@link BillingReaders}.
 *
 * <p>Bad input, and what a read does with it:
 * <ul>
 *   <li>A file encoded as UTF-16 (or UTF-32): {@link BillingFormatException} saying to re-export it as UTF-8. A UTF-8
 *       byte-order mark is skipped (CSV and JSON lines).
 *   <li>A header that lacks mandatory columns, or repeats (ignoring case) a column the format reads:
 *       {@link BillingFormatException} naming the columns and their positions. Repeated columns that no format reads
 *       are accepted.
 *   <li>A number that is not a decimal, or has more than 20 digits before the point (beyond {@code DECIMAL(38, 18)},
 *       e.g. {@code 1e400}): the row is rejected, naming column, value and rule.
 *   <li>A NUL character, an undecodable UTF-8 byte, or U+FFFE in a field: the row is rejected, naming the column.
 *   <li>A field longer than 1 Mi characters (or a row longer than 8 Mi; a JSON line longer than 8 Mi): the row is
 *       rejected and the read goes on (the rest of the field is skipped while reading).
 *   <li>A row with more or fewer fields than the header: rejected. Broken quoting or a truncated compressed stream:
 *       {@link BillingFormatException} after every valid row before it was emitted.
 *   <li>A deviation from FOCUS that real exports make (a null {@code ContractedCost}): ingested and counted in
 *       {@link ReadReport#findings()}; {@link BillingReaders#strict} rejects such rows instead.
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe; each call reads independently.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BillingFileReader {
  /**
   * The format id, e.g. {@code focus}, {@code aws-cur}, {@code azure}, {@code gcp}.
   *
   * @return the id; never null
   */
  String format();

  /**
   * Reads a stream. The stream is consumed but not closed.
   *
   * @param in the file content, plain or gzip; never null
   * @param fileName the name used in reports and errors; never null
   * @param sink receives each record in file order; never null
   * @return the report; never null
   * @throws BillingFormatException if the file cannot be read to its end (records before the failure were emitted)
   */
  ReadReport read(InputStream in, String fileName, Consumer<? super CostRecord> sink);

  /**
   * Reads a file.
   *
   * @param file the file, plain or gzip; never null
   * @param sink receives each record in file order; never null
   * @return the report; never null
   * @throws BillingFormatException if the file cannot be read to its end
   * @throws UncheckedIOException if the file cannot be opened
   * @throws NullPointerException if {@code file} or {@code sink} is null
   */
  default ReadReport read(Path file, Consumer<? super CostRecord> sink) {
    java.util.Objects.requireNonNull(file, "file must not be null (the billing file to read)");
    java.util.Objects.requireNonNull(sink, "sink must not be null (the consumer of the records)");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read billing file " + file + ": " + e.getMessage(), e);
    }
  }
}
