package io.stratus.adapters.aws;

import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingFormatException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import io.stratus.monitoring.provider.PageTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * AWS billing as FOCUS {@link CostRecord}s, from one of two sources.
 *
 * <ul>
 *   <li><b>Cost Explorer</b> (id {@code aws}, {@link AwsAdapter#costExplorerBillingSource()}): {@code
 *       GetCostAndUsage} with daily granularity, metrics {@code UnblendedCost} (BilledCost, ListCost and
 *       ContractedCost: Cost Explorer has no public-price metric) and {@code AmortizedCost} (EffectiveCost) and
 *       {@code UsageQuantity}, grouped by service and region, paged with {@code NextPageToken}. One record per day,
 *       service and region, ChargeCategory Usage. The answer names no account (it is grouped by service and region), so
 *       BillingAccountId is the fixed {@code cost-explorer}; use the CUR source for accounts, resources and tags.
 *       Billing periods are the calendar months from {@link
 *       AwsAdapter.Builder#billingLookbackMonths} before {@code asOf} to {@code asOf}'s month.
 *   <li><b>CUR / Data Exports in S3</b> (id {@code aws-cur}, {@link AwsAdapter#curBillingSource()}): the export's
 *       data files (CSV, plain or gzip) under the configured prefix, read with finops' {@link
 *       BillingReaders#awsCur()}; when a billing period has manifests, only the files the newest manifest lists
 *       (older assemblies are superseded restatements). See {@link CurFiles}.
 * </ul>
 *
 * <p>Both deliver {@link BillingBatch.Mode#REPLACE_PERIOD} batches whose watermark is a fingerprint of the content (or
 * of the files' keys, sizes and ETags), so a fetch with the returned watermark is empty until AWS restates the period.
 * A page or file that cannot be read after the retries of {@link AwsResilience}, or a malformed answer, fails the
 * fetch with a {@link ProviderException}: the SPI has no partial marker, so a partly read period is never delivered.
 *
 * <p>Registered in {@code META-INF/services} (no-argument constructor: Cost Explorer through the default adapter,
 * built on first use). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsBillingSource implements BillingSource {
  private static final Logger LOG = LoggerFactory.getLogger(AwsBillingSource.class);

  private final String id;
  private final Supplier<Strategy> strategy;

  /** Where the records come from. */
  interface Strategy {
    List<BillingPeriod> periods(Instant asOf);

    /** The period's records and the fingerprint of their source. */
    Map.Entry<List<CostRecord>, String> read(BillingPeriod period);
  }

  /** The ServiceLoader entry, Cost Explorer: cheap; the default adapter is built on the first call that needs it. */
  public AwsBillingSource() {
    this.id = AwsAdapter.ID;
    this.strategy = () -> new CostExplorer(AwsAdapter.ID, AwsAdapter.shared());
  }

  private AwsBillingSource(String id, Strategy strategy) {
    this.id = id;
    this.strategy = () -> strategy;
  }

  static AwsBillingSource costExplorer(AwsAdapter a) {
    return new AwsBillingSource(AwsAdapter.ID, new CostExplorer(AwsAdapter.ID, a));
  }

  static AwsBillingSource cur(AwsAdapter a, String bucket, String prefix) {
    return new AwsBillingSource(CurFiles.ID, new CurFiles(a, bucket, prefix));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return id.equals(AwsAdapter.ID) ? "AWS Cost Explorer GetCostAndUsage (daily, by service and region)"
        : "AWS CUR / Data Exports files in S3";
  }

  @Override
  public List<BillingPeriod> billingPeriods(Instant asOf) {
    Objects.requireNonNull(asOf, "asOf");
    return strategy.get().periods(asOf);
  }

  @Override
  public BillingBatch fetch(BillingPeriod period, Watermark since) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    Map.Entry<List<CostRecord>, String> read = strategy.get().read(period);
    Watermark mark = Watermark.of(read.getValue());
    if (mark.equals(since)) {
      return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, List.of(), mark);
    }
    return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, read.getKey(), mark);
  }

  /** Cost Explorer daily costs by service and region. */
  private static final class CostExplorer implements Strategy {
    private final String id;
    private final AwsAdapter a;

    CostExplorer(String id, AwsAdapter a) {
      this.id = id;
      this.a = a;
    }

    @Override
    public List<BillingPeriod> periods(Instant asOf) {
      YearMonth current = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
      List<BillingPeriod> out = new ArrayList<>();
      for (int back = a.billingLookbackMonths(); back >= 0; back--) {
        out.add(BillingPeriod.of(current.minusMonths(back)));
      }
      return out;
    }

    @Override
    public Map.Entry<List<CostRecord>, String> read(BillingPeriod period) {
      LocalDate start = LocalDate.ofInstant(period.start(), ZoneOffset.UTC);
      LocalDate end = LocalDate.ofInstant(period.end(), ZoneOffset.UTC);
      LocalDate tomorrow = LocalDate.ofInstant(a.clock().instant(), ZoneOffset.UTC).plusDays(1);
      if (end.isAfter(tomorrow)) {
        end = tomorrow;
      }
      List<CostRecord> records = new ArrayList<>();
      if (!start.isBefore(end)) {
        return Map.entry(records, "empty");
      }
      String token = null;
      PageTokens tokens = PageTokens.of(AwsAdapter.ID, "GetCostAndUsage " + period);
      int page = 0;
      do {
        page++;
        GetCostAndUsageRequest.Builder request = GetCostAndUsageRequest.builder()
            .timePeriod(DateInterval.builder().start(start.toString()).end(end.toString()).build())
            .granularity(Granularity.DAILY)
            .metrics("UnblendedCost", "AmortizedCost", "UsageQuantity")
            .groupBy(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build(),
                GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("REGION").build());
        if (token != null) {
          request.nextPageToken(token);
        }
        GetCostAndUsageRequest r = request.build();
        GetCostAndUsageResponse response = a.calls().call(AwsService.COST_EXPLORER, "global", "GetCostAndUsage",
            () -> a.costExplorer().getCostAndUsage(r));
        for (ResultByTime day : response.resultsByTime()) {
          for (Group g : day.groups()) {
            records.add(record(period, day, g, page));
          }
        }
        token = response.nextPageToken();
      } while (tokens.more(token));
      return Map.entry(records, fingerprint(records));
    }

    private CostRecord record(BillingPeriod period, ResultByTime day, Group g, int page) {
      String where = "GetCostAndUsage page " + page + ", " + (day.timePeriod() == null ? "?" : day.timePeriod().start())
          + " " + g.keys();
      if (day.timePeriod() == null || g.keys().size() != 2) {
        throw Failures.of(id, where + ": a group must have a TimePeriod and two keys (SERVICE, REGION)");
      }
      Instant dayStart;
      Instant dayEnd;
      try {
        dayStart = LocalDate.parse(day.timePeriod().start()).atStartOfDay(ZoneOffset.UTC).toInstant();
        dayEnd = LocalDate.parse(day.timePeriod().end()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new ProviderException(id, where + ": TimePeriod must be yyyy-MM-dd dates, got "
            + day.timePeriod(), e);
      }
      if (!period.contains(dayStart)) {
        throw Failures.of(id, where + ": day " + dayStart + " lies outside the requested period " + period);
      }
      MetricValue unblended = metric(g, "UnblendedCost", where);
      MetricValue amortized = metric(g, "AmortizedCost", where);
      Currency currency;
      try {
        currency = Currency.getInstance(unblended.unit());
      } catch (RuntimeException e) {
        throw new ProviderException(id, where + ": UnblendedCost.Unit must be an ISO 4217 code, got '"
            + unblended.unit() + "'", e);
      }
      String service = g.keys().get(0);
      String region = g.keys().get(1);
      CostRecord.Builder b = CostRecord.builder()
          .billedCost(amount(unblended, "UnblendedCost", where))
          .listCost(amount(unblended, "UnblendedCost", where))
          .contractedCost(amount(unblended, "UnblendedCost", where))
          .effectiveCost(amount(amortized, "AmortizedCost", where))
          .billingCurrency(currency)
          .billingAccountId("cost-explorer")
          .chargePeriod(dayStart, dayEnd)
          .billingPeriod(period)
          .chargeCategory(ChargeCategory.USAGE)
          .chargeFrequency(ChargeFrequency.USAGE_BASED)
          .chargeDescription(service + " in " + region + " on " + day.timePeriod().start()
              + (Boolean.TRUE.equals(day.estimated()) ? " (estimated)" : ""))
          .providerName("AWS")
          .publisherName("AWS")
          .invoiceIssuerName("AWS")
          .serviceName(service)
          .serviceCategory("Other")
          .lineItemId(day.timePeriod().start() + "/" + service + "/" + region);
      if (!region.isBlank() && !region.equals("NoRegion") && !region.equals("global")) {
        b.regionId(region);
      }
      MetricValue usage = g.metrics().get("UsageQuantity");
      if (usage != null && usage.amount() != null) {
        b.consumedQuantity(amount(usage, "UsageQuantity", where));
        if (usage.unit() != null && !usage.unit().isBlank()) {
          b.consumedUnit(usage.unit());
        }
      }
      try {
        return b.build();
      } catch (RuntimeException e) {
        throw new ProviderException(id, where + ": " + e.getMessage(), e);
      }
    }

    private MetricValue metric(Group g, String name, String where) {
      MetricValue v = g.metrics().get(name);
      if (v == null || v.amount() == null || v.unit() == null) {
        throw Failures.of(id, where + ": Metrics." + name + " (Amount and Unit) is missing");
      }
      return v;
    }

    private BigDecimal amount(MetricValue v, String name, String where) {
      try {
        return new BigDecimal(v.amount());
      } catch (NumberFormatException e) {
        throw new ProviderException(id, where + ": Metrics." + name + ".Amount must be a decimal number, got '"
            + v.amount() + "'", e);
      }
    }
  }

  static String fingerprint(List<CostRecord> records) {
    BigDecimal total = BigDecimal.ZERO;
    long hash = 1125899906842597L;
    for (CostRecord r : records) {
      total = total.add(r.billedCost());
      hash = 31 * hash + r.hashCode();
    }
    return records.size() + ":" + total.stripTrailingZeros().toPlainString() + ":" + Long.toHexString(hash);
  }

  /** Reads one S3 object with the CUR reader into the sink; failures name the key. */
  static ReadReport readCur(AwsAdapter a, String sourceId, String bucket, String key,
      java.util.function.Consumer<CostRecord> sink) {
    GetObjectRequest r = GetObjectRequest.builder().bucket(bucket).key(key).build();
    // The download is the remote call (retried); reading its content is local.
    try (ResponseInputStream<GetObjectResponse> in = a.calls().call(AwsService.S3, a.region(), "GetObject",
        () -> a.s3().getObject(r))) {
      ReadReport report = BillingReaders.awsCur().read((InputStream) in, key, sink);
      if (report.rejectionCount() > 0) {
        LOG.warn("{}: {} of {} rows of s3://{}/{} rejected, first: {}", sourceId, report.rejectionCount(),
            report.rowsRead(), bucket, key, report.rejections().isEmpty() ? "" : report.rejections().get(0));
      }
      return report;
    } catch (BillingFormatException | UncheckedIOException e) {
      throw new ProviderException(sourceId, "cannot read billing file s3://" + bucket + "/" + key + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProviderException(sourceId, "closing s3://" + bucket + "/" + key + " failed", e);
    }
  }

  static TreeSet<BillingPeriod> before(TreeSet<BillingPeriod> periods, Instant asOf) {
    TreeSet<BillingPeriod> out = new TreeSet<>();
    for (BillingPeriod p : periods) {
      if (p.start().isBefore(asOf)) {
        out.add(p);
      }
    }
    return out;
  }
}
