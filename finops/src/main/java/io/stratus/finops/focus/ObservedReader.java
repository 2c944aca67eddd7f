package io.stratus.finops.focus;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader that counts and traces another's reads: one span per file and, per file, one addition to the row counters
 * (never one per row). Immutable and thread-safe.
 */
final class ObservedReader implements BillingFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(BillingFileReader.class);
  private static final AttributeKey<String> FILE = AttributeKey.stringKey("stratus.billing.file");
  private static final AttributeKey<String> FORMAT = AttributeKey.stringKey("stratus.billing.format");
  private static final AttributeKey<Long> READ = AttributeKey.longKey("stratus.rows.read");
  private static final AttributeKey<Long> INGESTED = AttributeKey.longKey("stratus.rows.ingested");
  private static final AttributeKey<Long> REJECTED = AttributeKey.longKey("stratus.rows.rejected");

  private final BillingFileReader reader;
  private final MeterRegistry registry;
  private final Tracer tracer;

  ObservedReader(BillingFileReader reader, MeterRegistry registry, OpenTelemetry otel) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.registry = Objects.requireNonNull(registry, "meterRegistry");
    this.tracer = Objects.requireNonNull(otel, "openTelemetry").getTracer("io.stratus.finops");
  }

  @Override
  public String format() {
    return reader.format();
  }

  @Override
  public ReadReport read(InputStream in, String fileName, Consumer<? super CostRecord> sink) {
    Span span = tracer.spanBuilder("stratus.finops.ingest").setAttribute(FILE, String.valueOf(fileName))
        .setAttribute(FORMAT, reader.format()).startSpan();
    Scope scope = span.makeCurrent();
    try {
      ReadReport report = reader.read(in, fileName, sink);
      record(span, report, "read");
      LOG.atInfo().setMessage("billing file read").addKeyValue("file", report.file())
          .addKeyValue("format", report.format()).addKeyValue("rows", report.rowsRead())
          .addKeyValue("ingested", report.recordsEmitted()).addKeyValue("rejected", report.rejectionCount())
          .addKeyValue("reconciled", report.isReconciled()).log();
      return report;
    } catch (BillingFormatException e) {
      record(span, e.partialReport(), "failed");
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, "billing file cannot be read to its end");
      throw e;
    } catch (RuntimeException e) {
      registry.counter("stratus.finops.billing.files", "format", reader.format(), "outcome", "failed").increment();
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      scope.close();
      span.end();
    }
  }

  private void record(Span span, ReadReport r, String outcome) {
    String format = r.format();
    registry.counter("stratus.finops.billing.files", "format", format, "outcome", outcome).increment();
    registry.counter("stratus.finops.billing.rows", "format", format, "outcome", "ingested")
        .increment(r.recordsEmitted());
    registry.counter("stratus.finops.billing.rows", "format", format, "outcome", "rejected")
        .increment(r.rejectionCount());
    span.setAttribute(FORMAT, format);
    span.setAttribute(READ, r.rowsRead());
    span.setAttribute(INGESTED, r.recordsEmitted());
    span.setAttribute(REJECTED, r.rejectionCount());
  }
}
