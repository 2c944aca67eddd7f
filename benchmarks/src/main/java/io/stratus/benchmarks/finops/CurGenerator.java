package io.stratus.benchmarks.finops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of a legacy-CUR-shaped CSV (AWS Cost and Usage Report, {@code lineItem/…} headers) for the FinOps
 * ingestion benchmark: 64 columns, hourly usage over one month, with realistic cardinalities (20 usage accounts, 40
 * services, 12 regions, 2,000 SKUs, 100,000 resources, 3 user tags) and a few Savings Plan covered lines and taxes.
 * Exact decimal costs with up to 10 digits after the point, as in real CURs.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.finops.CurGenerator <rows> <file>}.
 */
public final class CurGenerator {
  static final List<String> HEADER =
      List.of(
          "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/InvoicingEntity",
          "bill/BillingEntity", "bill/BillType", "bill/PayerAccountId", "bill/BillingPeriodStartDate",
          "bill/BillingPeriodEndDate", "lineItem/UsageAccountId", "lineItem/LineItemType",
          "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType",
          "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId", "lineItem/UsageAmount",
          "lineItem/NormalizationFactor", "lineItem/NormalizedUsageAmount", "lineItem/CurrencyCode",
          "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedRate", "lineItem/BlendedCost",
          "lineItem/LineItemDescription", "lineItem/TaxType", "lineItem/LegalEntity", "product/ProductName",
          "product/productFamily", "product/region", "product/location", "product/servicecode", "product/sku",
          "product/instanceType", "product/operatingSystem", "product/tenancy", "product/usagetype",
          "product/operation", "product/vcpu", "product/memory", "product/storageClass", "pricing/RateCode",
          "pricing/RateId", "pricing/currency", "pricing/publicOnDemandCost", "pricing/publicOnDemandRate",
          "pricing/term", "pricing/unit", "reservation/ReservationARN", "reservation/EffectiveCost",
          "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
          "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/SavingsPlanRate",
          "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment", "resourceTags/user:team",
          "resourceTags/user:env", "resourceTags/user:app", "resourceTags/user:cost-center",
          "resourceTags/aws:createdBy");

  static final int ACCOUNTS = 20;
  static final int SERVICES = 40;
  static final int REGIONS = 12;
  static final int SKUS = 2000;
  static final int RESOURCES = 100_000;
  static final YearMonth MONTH = YearMonth.of(2024, 3);

  private static final String[] REGION_CODES = {
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-south-1",
    "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1"
  };
  private static final String[] UNITS = {"Hrs", "GB-Mo", "Requests", "GB", "LCU-Hrs"};
  private static final String[] TEAMS = {"payments", "search", "platform", "data", "mobile", "web", "ml", "ops"};

  private CurGenerator() {}

  /**
   * Writes the file.
   *
   * @param args rows (default 5,000,000) and the output file
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    Path file = Path.of(args.length > 1 ? args[1] : "cur-5m.csv");
    generate(rows, 42L, file);
  }

  /** Writes {@code rows} data rows; returns the exact total of lineItem/UnblendedCost. */
  static BigDecimal generate(long rows, long seed, Path file) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Instant monthStart = MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant monthEnd = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long hours = (monthEnd.getEpochSecond() - monthStart.getEpochSecond()) / 3600;
    String bpStart = monthStart + "";
    String bpEnd = monthEnd + "";
    long totalUnits = 0;
    // resource -> fixed attributes derived from its number
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
      w.write(String.join(",", HEADER));
      w.write('\n');
      StringBuilder sb = new StringBuilder(1024);
      for (long i = 0; i < rows; i++) {
        long hour = i * hours / rows;
        Instant start = monthStart.plusSeconds(hour * 3600);
        Instant end = start.plusSeconds(3600);
        // skewed resource popularity
        int resource = (int) Math.min(RESOURCES - 1, (long) (Math.pow(rnd.nextDouble(), 2.0) * RESOURCES));
        int service = resource % SERVICES;
        int account = (resource / 7) % ACCOUNTS;
        int region = (resource / 3) % REGIONS;
        int sku = (resource * 31 + service) % SKUS;
        boolean tax = rnd.nextInt(5000) == 0;
        boolean sp = !tax && service == 0 && rnd.nextInt(4) == 0;
        long rateMicro = 1 + (sku * 7919L) % 500_000; // rate in 1e-6 dollars, up to 0.5
        long amountMilli = 1 + rnd.nextInt(4000); // usage amount with 3 decimals
        // cost = rate * amount exactly: scale 6 + 3 = 9
        long costUnits = rateMicro * amountMilli;
        String cost = decimal(costUnits, 9);
        String rate = decimal(rateMicro, 6);
        String amount = decimal(amountMilli, 3);
        String accountId = String.valueOf(100000000000L + account);
        String code = "Service" + service;
        String unit = UNITS[service % UNITS.length];
        String type = tax ? "Tax" : sp ? "SavingsPlanCoveredUsage" : "Usage";
        if (!tax) {
          totalUnits += costUnits;
        } else {
          totalUnits += costUnits;
        }
        sb.setLength(0);
        sb.append("li").append(Long.toString(resource * 97L + service, 36)).append(',')
            .append(start).append('/').append(end).append(',')
            .append("INV-2024-03,Amazon Web Services Inc.,AWS,Anniversary,999999999999,")
            .append(bpStart).append(',').append(bpEnd).append(',')
            .append(accountId).append(',').append(type).append(',')
            .append(tax ? bpStart : start.toString()).append(',').append(tax ? bpEnd : end.toString()).append(',')
            .append(code).append(',')
            .append(REGION_CODES[region]).append("-Usage").append(service % 9).append(',')
            .append("Op").append(service % 13).append(',')
            .append(REGION_CODES[region]).append((char) ('a' + resource % 3)).append(',')
            .append(tax ? "" : "arn:aws:svc" + service + ":" + REGION_CODES[region] + ":" + accountId + ":res/r-"
                + Integer.toString(resource, 36)).append(',')
            .append(amount).append(",1,").append(amount).append(",USD,")
            .append(rate).append(',').append(cost).append(',').append(rate).append(',').append(cost).append(',')
            .append("\"$").append(rate).append(" per ").append(unit).append(", ").append(code).append("\",")
            .append(tax ? "VAT" : "").append(',')
            .append("Amazon Web Services Inc.,")
            .append("Amazon Service ").append(service).append(',')
            .append("Family").append(service % 11).append(',')
            .append(REGION_CODES[region]).append(',')
            .append("Region ").append(region).append(',')
            .append(code).append(',')
            .append("SKU").append(sku).append(',')
            .append(service % 4 == 1 ? "m5." + (sku % 6) + "xlarge" : "").append(',')
            .append(service % 4 == 1 ? "Linux" : "").append(',')
            .append(service % 4 == 1 ? "Shared" : "").append(',')
            .append(REGION_CODES[region]).append("-Usage").append(service % 9).append(',')
            .append("Op").append(service % 13).append(',')
            .append(service % 4 == 1 ? String.valueOf(2 << (sku % 4)) : "").append(',')
            .append(service % 4 == 1 ? (4 << (sku % 4)) + " GiB" : "").append(',')
            .append(service % 4 == 2 ? "General Purpose" : "").append(',')
            .append("SKU").append(sku).append(".RATE.").append(service).append(',')
            .append(sku * 13L).append(",USD,")
            .append(cost).append(',').append(rate).append(',')
            .append(sp ? "" : "OnDemand").append(',').append(unit).append(',')
            .append(",,,,")
            .append(sp ? "arn:aws:savingsplans::999999999999:savingsplan/sp-1" : "").append(',')
            .append(sp ? cost : "").append(',')
            .append(sp ? rate : "").append(',')
            .append(",,")
            .append(TEAMS[resource % TEAMS.length]).append(',')
            .append(resource % 5 == 0 ? "prod" : "dev").append(',')
            .append("app").append(resource % 300).append(',')
            .append("CC").append(100 + resource % 40).append(',')
            .append(resource % 17 == 0 ? "AROA:ci" : "")
            .append('\n');
        w.append(sb);
      }
    }
    return new BigDecimal(java.math.BigInteger.valueOf(totalUnits), 9);
  }

  private static String decimal(long units, int scale) {
    return new BigDecimal(java.math.BigInteger.valueOf(units), scale).toPlainString();
  }
}
