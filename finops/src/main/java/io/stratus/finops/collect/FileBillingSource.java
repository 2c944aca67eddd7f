package io.stratus.finops.collect;

import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingFormatException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BillingSource} over a directory of billing export files (FOCUS, AWS CUR, Azure or GCP; plain or gzip), as
 * a provider drops them (an S3/GCS/Blob export synced locally). Every regular file is read with the given reader; each
 * billing period is delivered as a {@link BillingBatch.Mode#REPLACE_PERIOD} batch, since exports re-issue whole
 * periods. The watermark is a fingerprint of the files' names, sizes and modification times: when nothing changed, a
 * fetch returns an empty batch. Rejected rows are logged (and visible through the reader's reports when reading files
 * directly); a file that cannot be read fails the fetch with a {@link ProviderException}.
 *
 * <p>Thread-safe (stateless between calls; reads the directory on each call).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FileBillingSource implements BillingSource {
  private static final Logger LOG = LoggerFactory.getLogger(FileBillingSource.class);

  private final String id;
  private final Path directory;
  private final BillingFileReader reader;

  /**
   * A source.
   *
   * @param id the source id; never blank
   * @param directory the directory holding export files; never null
   * @param reader the reader for the files, e.g. {@code BillingReaders.detect()}; never null
   * @throws IllegalArgumentException if the id is blank
   */
  public FileBillingSource(String id, Path directory, BillingFileReader reader) {
    this.id = Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("fileBillingSource.id must not be blank");
    }
    this.directory = Objects.requireNonNull(directory, "directory");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "billing export files in " + directory + " read as " + reader.format();
  }

  private List<Path> files() {
    try (Stream<Path> s = Files.list(directory)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new ProviderException(id, "cannot list " + directory, e);
    }
  }

  private String fingerprint(List<Path> files) {
    StringBuilder sb = new StringBuilder();
    try {
      for (Path f : files) {
        sb.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
            .append(Files.getLastModifiedTime(f).toMillis()).append(';');
      }
    } catch (IOException e) {
      throw new ProviderException(id, "cannot stat files in " + directory, e);
    }
    return Integer.toHexString(sb.toString().hashCode()) + "-" + sb.length();
  }

  private void readAll(List<Path> files, java.util.function.Consumer<CostRecord> sink) {
    for (Path f : files) {
      try {
        ReadReport report = reader.read(f, sink);
        if (report.rejectionCount() > 0) {
          LOG.warn("{}: {} of {} rows of {} rejected, first: {}", id, report.rejectionCount(), report.rowsRead(), f,
              report.rejections().isEmpty() ? "" : report.rejections().get(0));
        }
      } catch (BillingFormatException | UncheckedIOException e) {
        throw new ProviderException(id, "cannot read billing file " + f + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<BillingPeriod> billingPeriods(Instant asOf) {
    Objects.requireNonNull(asOf, "asOf");
    TreeSet<BillingPeriod> periods = new TreeSet<>();
    readAll(files(), r -> {
      BillingPeriod p = BillingPeriod.of(r);
      if (p.start().isBefore(asOf)) {
        periods.add(p);
      }
    });
    return new ArrayList<>(periods);
  }

  @Override
  public BillingBatch fetch(BillingPeriod period, Watermark since) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    List<Path> files = files();
    Watermark current = Watermark.of(fingerprint(files));
    if (current.equals(since)) {
      return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, List.of(), since);
    }
    List<CostRecord> records = new ArrayList<>();
    readAll(files, r -> {
      if (r.billingPeriodStart().equals(period.start()) && r.billingPeriodEnd().equals(period.end())) {
        records.add(r);
      }
    });
    return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, records, current);
  }
}
