package io.stratus.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded AWS CUR files for the tests: legacy ({@code lineItem/...}) and 2.0 ({@code line_item_...}) headers, February
 * and March 2024, a gzip part, 20 accounts, 12 services, 4 regions, team tags on the legacy parts, and one row in
 * 10,000 with a cost that is not a number (rejected by the reader).
 */
public final class TestCur {
  private static final String[] LEGACY = {
    "identity/LineItemId", "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate",
    "lineItem/ProductCode", "lineItem/UsageType", "lineItem/ResourceId", "lineItem/UsageAmount",
    "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost", "product/region",
    "pricing/publicOnDemandCost", "resourceTags/user:team"
  };
  private static final String[] CUR2 = {
    "identity_line_item_id", "bill_payer_account_id", "bill_billing_period_start_date",
    "bill_billing_period_end_date", "line_item_usage_account_id", "line_item_line_item_type",
    "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code", "line_item_usage_type",
    "line_item_resource_id", "line_item_usage_amount", "line_item_currency_code", "line_item_unblended_rate",
    "line_item_unblended_cost", "product_region_code", "pricing_public_on_demand_cost"
  };
  private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-south-1", "us-west-2"};
  private static final String[] TEAMS = {"payments", "search", "platform", "data", "ml"};

  private TestCur() {}

  /**
   * Writes {@code files} parts of {@code rowsPerFile} rows each into {@code dir}: the last part has CUR 2.0 headers,
   * the first is gzipped.
   */
  public static List<Path> write(Path dir, int files, int rowsPerFile, long seed) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int f = 0; f < files; f++) {
      boolean cur2 = f == files - 1 && files > 1;
      boolean gzip = f == 0;
      Path file = dir.resolve("cur-part-" + f + ".csv" + (gzip ? ".gz" : ""));
      try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file);
          Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
        w.write(String.join(",", cur2 ? CUR2 : LEGACY));
        w.write('\n');
        for (int i = 0; i < rowsPerFile; i++) {
          w.write(row(rnd, f, i, cur2));
          w.write('\n');
        }
      }
      out.add(file);
    }
    return out;
  }

  private static String row(SplittableRandom rnd, int file, int i, boolean cur2) {
    boolean march = rnd.nextBoolean();
    Instant bp = Instant.parse(march ? "2024-03-01T00:00:00Z" : "2024-02-01T00:00:00Z");
    Instant bpEnd = Instant.parse(march ? "2024-04-01T00:00:00Z" : "2024-03-01T00:00:00Z");
    int hours = march ? 31 * 24 : 29 * 24;
    Instant start = bp.plusSeconds(3600L * rnd.nextInt(hours));
    int resource = rnd.nextInt(2000);
    int service = resource % 12;
    String account = String.valueOf(100000000000L + resource % 20);
    long rateMicro = 1 + rnd.nextInt(300_000);
    long amountMilli = 1 + rnd.nextInt(5000);
    String cost = rnd.nextInt(10_000) == 0 ? "n/a" : decimal(rateMicro * amountMilli, 9);
    String list = decimal(rateMicro * amountMilli * 11 / 10, 9);
    StringBuilder sb = new StringBuilder(256);
    sb.append("li-").append(file).append('-').append(i).append(',')
        .append("999999999999,").append(bp).append(',').append(bpEnd).append(',')
        .append(account).append(',').append(rnd.nextInt(500) == 0 ? "Tax" : "Usage").append(',')
        .append(start).append(',').append(start.plusSeconds(3600)).append(',')
        .append("Service").append(service).append(',')
        .append("Usage").append(service % 5).append(',')
        .append("arn:aws:svc:r-").append(resource).append(',')
        .append(decimal(amountMilli, 3)).append(",USD,").append(decimal(rateMicro, 6)).append(',')
        .append(cost).append(',').append(REGIONS[resource % REGIONS.length]).append(',').append(list);
    if (!cur2) {
      sb.append(',').append(resource % 7 == 0 ? "" : TEAMS[resource % TEAMS.length]);
    }
    return sb.toString();
  }

  private static String decimal(long units, int scale) {
    return java.math.BigDecimal.valueOf(units, scale).toPlainString();
  }
}
