package io.stratus.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.monitoring.provider.PageTokens;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The billing periods and files of a CUR (legacy: {@code <prefix>/<report>/yyyyMMdd-yyyyMMdd/...}) or Data Exports
 * (CUR 2.0: {@code .../BILLING_PERIOD=yyyy-MM/...}) export in S3. Data files are {@code .csv} or {@code .csv.gz};
 * {@code .parquet} files fail with a message (finops reads CSV exports); other objects (SQL, Redshift and Athena
 * helpers) are not billing data and are skipped. When a period has manifests ({@code *-Manifest.json}), the newest one
 * decides the files ({@code reportKeys} in CUR, {@code dataFiles} in Data Exports): older assemblies of the same
 * month are superseded restatements, and reading them too would count costs twice. Files whose key names no period are
 * read to find their periods. Thread-safe (stateless between calls).
 */
final class CurFiles implements AwsBillingSource.Strategy {
  static final String ID = "aws-cur";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LEGACY = Pattern.compile("(?:^|/)(\\d{8})-(\\d{8})(?:/|$)");
  private static final Pattern EXPORTS = Pattern.compile("BILLING_PERIOD=(\\d{4}-\\d{2})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  private final AwsAdapter a;
  private final String bucket;
  private final String prefix;

  CurFiles(AwsAdapter a, String bucket, String prefix) {
    this.a = a;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public List<BillingPeriod> periods(Instant asOf) {
    Layout layout = layout();
    TreeSet<BillingPeriod> periods = new TreeSet<>(layout.byPeriod.keySet());
    for (S3Object o : layout.unplaced) {
      AwsBillingSource.readCur(a, ID, bucket, o.key(), r -> periods.add(BillingPeriod.of(r)));
    }
    return List.copyOf(AwsBillingSource.before(periods, asOf));
  }

  @Override
  public Map.Entry<List<CostRecord>, String> read(BillingPeriod period) {
    Layout layout = layout();
    List<S3Object> files = new ArrayList<>(layout.byPeriod.getOrDefault(period, List.of()));
    files.addAll(layout.unplaced);
    StringBuilder print = new StringBuilder();
    List<CostRecord> records = new ArrayList<>();
    for (S3Object o : files) {
      print.append(o.key()).append(':').append(o.size()).append(':').append(o.eTag()).append(';');
      AwsBillingSource.readCur(a, ID, bucket, o.key(), r -> {
        if (r.billingPeriodStart().equals(period.start()) && r.billingPeriodEnd().equals(period.end())) {
          records.add(r);
        }
      });
    }
    return Map.entry(records, Integer.toHexString(print.toString().hashCode()) + "-" + files.size() + "-"
        + print.length());
  }

  /** The export's files by period (after manifests) and those whose key names no period. */
  private record Layout(Map<BillingPeriod, List<S3Object>> byPeriod, List<S3Object> unplaced) {}

  private Layout layout() {
    Map<BillingPeriod, List<S3Object>> data = new TreeMap<>();
    Map<BillingPeriod, List<S3Object>> manifests = new HashMap<>();
    List<S3Object> unplaced = new ArrayList<>();
    Map<String, S3Object> byKey = new HashMap<>();
    for (S3Object o : list()) {
      String key = o.key();
      String lower = key.toLowerCase(Locale.ROOT);
      Optional<BillingPeriod> period = period(key);
      if (lower.endsWith("-manifest.json")) {
        period.ifPresent(p -> manifests.computeIfAbsent(p, k -> new ArrayList<>()).add(o));
        continue;
      }
      if (lower.endsWith(".parquet")) {
        throw Failures.of(ID, "s3://" + bucket + "/" + key + " is Parquet; finops reads CSV exports:"
            + " configure the export's format as CSV (gzip allowed)");
      }
      if (!lower.endsWith(".csv") && !lower.endsWith(".csv.gz")) {
        continue;
      }
      byKey.put(key, o);
      if (period.isPresent()) {
        data.computeIfAbsent(period.get(), k -> new ArrayList<>()).add(o);
      } else {
        unplaced.add(o);
      }
    }
    for (Map.Entry<BillingPeriod, List<S3Object>> m : manifests.entrySet()) {
      S3Object newest = m.getValue().stream()
          .max(Comparator.comparing((S3Object o) -> o.lastModified() == null ? Instant.EPOCH : o.lastModified())
              .thenComparing(S3Object::key))
          .orElseThrow();
      List<S3Object> listed = new ArrayList<>();
      for (String key : manifestKeys(newest.key())) {
        S3Object o = byKey.get(key);
        if (o == null) {
          throw Failures.of(ID, "manifest s3://" + bucket + "/" + newest.key() + " lists " + key
              + ", which is not in the export");
        }
        listed.add(o);
      }
      data.put(m.getKey(), listed);
    }
    return new Layout(data, unplaced);
  }

  private Set<String> manifestKeys(String key) {
    GetObjectRequest r = GetObjectRequest.builder().bucket(bucket).key(key).build();
    ResponseBytes<GetObjectResponse> bytes = a.calls().call(AwsService.S3, a.region(), "GetObject",
        () -> a.s3().getObjectAsBytes(r));
    JsonNode root;
    try {
      root = JSON.readTree(bytes.asByteArray());
    } catch (IOException e) {
      throw new ProviderException(ID, "manifest s3://" + bucket + "/" + key + " is not JSON: " + e.getMessage(), e);
    }
    Set<String> keys = new LinkedHashSet<>();
    JsonNode reportKeys = root.path("reportKeys");
    JsonNode dataFiles = root.path("dataFiles");
    if (reportKeys.isArray()) {
      reportKeys.forEach(n -> keys.add(n.asText()));
    } else if (dataFiles.isArray()) {
      String s3 = "s3://" + bucket + "/";
      dataFiles.forEach(n -> keys.add(n.asText().startsWith(s3) ? n.asText().substring(s3.length()) : n.asText()));
    } else {
      throw Failures.of(ID, "manifest s3://" + bucket + "/" + key
          + " has neither reportKeys (CUR) nor dataFiles (Data Exports)");
    }
    return keys;
  }

  private List<S3Object> list() {
    List<S3Object> out = new ArrayList<>();
    String token = null;
    PageTokens tokens = PageTokens.of(AwsAdapter.ID, "ListObjectsV2 s3://" + bucket + "/" + prefix);
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Request r = request.build();
      ListObjectsV2Response response = a.calls().call(AwsService.S3, a.region(), "ListObjectsV2",
          () -> a.s3().listObjectsV2(r));
      out.addAll(response.contents());
      token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
    } while (tokens.more(token));
    return out;
  }

  /** The billing period a key names, if any. */
  static Optional<BillingPeriod> period(String key) {
    Matcher legacy = LEGACY.matcher(key);
    if (legacy.find()) {
      LocalDate start = LocalDate.parse(legacy.group(1), DAY);
      return Optional.of(BillingPeriod.of(YearMonth.from(start)));
    }
    Matcher exports = EXPORTS.matcher(key);
    if (exports.find()) {
      return Optional.of(BillingPeriod.of(YearMonth.parse(exports.group(1))));
    }
    return Optional.empty();
  }
}
