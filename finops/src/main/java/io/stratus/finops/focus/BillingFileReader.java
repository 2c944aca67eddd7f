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
