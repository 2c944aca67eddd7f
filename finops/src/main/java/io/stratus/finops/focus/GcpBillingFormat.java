package io.stratus.finops.focus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * GCP Cloud Billing export rows: the standard ({@code gcp_billing_export_v1}) and detailed
 * ({@code gcp_billing_export_resource_v1}) BigQuery tables, as JSON lines (nested, as BigQuery exports them) or CSV
 * (one column per leaf field, named {@code service.description} or {@code service_description}; repeated fields such
 * as {@code labels} and {@code credits} as JSON arrays in their cell). Reference: the FinOps Foundation rules
 * {@code conversion-rules-gcp.csv}; deviations are marked.
 *
 * <ul>
 *   <li>BilledCost = cost (as the rules); EffectiveCost = cost + the sum of credits[].amount (deviation: the rules
 *       floor it at 0, which breaks additivity when credits exceed cost); ListCost = cost_at_list, else cost;
 *       ContractedCost = cost_at_effective_price_default when present (detailed export), else cost.
 *   <li>BillingCurrency = currency. BillingPeriod = invoice.month (YYYYMM) in America/Los_Angeles, converted to UTC
 *       (as the rules). ChargePeriod = usage_start_time/usage_end_time.
 *   <li>ChargeCategory from cost_type: regular → Usage, tax → Tax, credit → Credit (the rules write Adjustment; FOCUS
 *       has Credit), adjustment and rounding_error → Adjustment; a regular row whose SKU description starts with
 *       "Commitment" is the fee of a committed use discount → Purchase (Recurring).
 *   <li>ProviderName and InvoiceIssuerName = Google Cloud; PublisherName = seller_name, else Google Cloud.
 *       BillingAccountId = billing_account_id; SubAccountId/Name = project.id/project.name (not in the rules).
 *   <li>RegionId = location.region, else location.location; AvailabilityZone = location.zone.
 *   <li>ServiceName = service.description; ServiceCategory by the rules' {@code gcp_category_mapping.csv}, else Other.
 *   <li>ResourceId = resource.global_name, ResourceName = resource.name (detailed export only).
 *   <li>SkuId = sku.id; SkuMeter = sku.description (the rules' SkuPriceId = price.tier_start_amount is not an id and
 *       is left out). ConsumedQuantity/Unit = usage.amount/unit; PricingQuantity/Unit =
 *       usage.amount_in_pricing_units/pricing_unit. ListUnitPrice = price.list_price, ContractedUnitPrice =
 *       price.effective_price.
 *   <li>Committed use discounts: a credit of type COMMITTED_USAGE_DISCOUNT (resource-based → Usage) or
 *       COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE (spend-based → Spend) sets CommitmentDiscountId (credit id, else name),
 *       type "Committed Use Discount", status Used and PricingCategory Committed; SKUs mentioning Spot or Preemptible
 *       are Dynamic; other usage Standard.
 *   <li>Tags = labels (key/value pairs).
 *   <li>Not carried by the export, so null: PricingCurrency and the PricingCurrency* amounts (the export gives every
 *       amount in {@code currency}, the billing currency, with {@code currency_conversion_rate} to USD, but not the
 *       currency the SKU was priced in), and SkuPriceDetails (a SKU is only an id and a description; no machine
 *       type, core count or storage class per price).
 * </ul>
 */
final class GcpBillingFormat extends RowFormat {
  /** The leaf fields read, in the order of the synthetic header used for JSON lines. */
  static final List<String> PATHS =
      List.of(
          "billing_account_id", "service.id", "service.description", "sku.id", "sku.description",
          "usage_start_time", "usage_end_time", "project.id", "project.name", "labels", "location.location",
          "location.region", "location.zone", "seller_name", "export_time", "cost", "currency", "usage.amount",
          "usage.unit", "usage.amount_in_pricing_units", "usage.pricing_unit", "credits", "invoice.month",
          "cost_type", "cost_at_list", "resource.name", "resource.global_name", "price.effective_price",
          "price.list_price", "cost_at_effective_price_default");

  private static final ObjectReader JSON =
      Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  @Override
  String id() {
    return "gcp";
  }

  @Override
  Bound bind(Header h) {
    return new B(h);
  }

  /** Reads JSON lines: one BigQuery row object per line. */
  static ReadReport readJsonLines(Reader reader, String fileName, Consumer<? super CostRecord> sink) {
    GcpBillingFormat format = new GcpBillingFormat();
    Totals t = new Totals(fileName, "gcp");
    Header header = new Header(PATHS);
    Bound bound = format.bind(header);
    t.sourceColumn = bound.sourceCostColumn();
    Row row = new Row(header);
    Lines in = new Lines(reader, FieldLimiter.RECORD_LIMIT);
    long line = 0;
    String text;
    while (true) {
      try {
        text = in.next();
      } catch (IOException | UncheckedIOException e) {
        throw new BillingFormatException(
            "billing file " + fileName + ": the compressed stream is truncated or corrupt after line " + line
                + "; the " + t.emitted + " valid rows before it were emitted",
            t.report(),
            e);
      }
      if (text == null) {
        break;
      }
      line++;
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      t.rows++;
      if (in.cut) {
        t.reject(new Rejection(line, "*", "line longer than " + FieldLimiter.RECORD_LIMIT + " characters: cut while"
            + " reading", text.substring(0, 80)));
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        node = null;
      }
      if (node == null || !node.isObject()) {
        t.reject(new Rejection(line, "*", "not a JSON object", text.length() > 80 ? text.substring(0, 80) : text));
        continue;
      }
      String[] cells = new String[PATHS.size()];
      for (int i = 0; i < cells.length; i++) {
        JsonNode v = node;
        for (String part : PATHS.get(i).split("\\.")) {
          v = v == null ? null : v.get(part);
        }
        if (v == null || v.isNull() || v.isMissingNode()) {
          cells[i] = null;
        } else if (v.isContainerNode()) {
          cells[i] = v.toString();
        } else if (v.isBigDecimal()) {
          cells[i] = v.decimalValue().toString();
        } else {
          cells[i] = v.asText();
        }
      }
      row.reset(line, cells, cells.length);
      CsvEngine.process(bound, row, t, sink, cells.length);
    }
    return t.report();
  }

  /**
   * Reads lines (ended by LF or CRLF) of at most {@code limit} characters; the rest of a longer line is skipped and
   * {@link #cut} set, so that one huge line rejects itself instead of exhausting memory. Not thread-safe.
   */
  static final class Lines {
    private final Reader in;
    private final int limit;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    /** Whether the last line returned was cut. */
    boolean cut;

    Lines(Reader in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
      StringBuilder sb = new StringBuilder();
      cut = false;
      boolean any = false;
      while (true) {
        if (pos == end) {
          int n = in.read(buf, 0, buf.length);
          if (n < 0) {
            return any ? finish(sb) : null;
          }
          pos = 0;
          end = n;
        }
        any = true;
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        int room = limit - sb.length();
        int take = Math.min(pos - start, Math.max(room, 0));
        sb.append(buf, start, take);
        if (take < pos - start) {
          cut = true;
        }
        if (pos < end) {
          pos++;
          return finish(sb);
        }
      }
    }

    private static String finish(StringBuilder sb) {
      int n = sb.length();
      return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
    }
  }

  private static int col(Header h, String path) {
    return h.find(path, path.replace('.', '_'));
  }

  private static int req(Header h, String path) {
    int i = col(h, path);
    if (i < 0) {
      h.require(path);
    }
    return i;
  }

  private static final class B implements Bound {
    private final Parse p = new Parse();
    private final Map<String, Instant[]> months = new HashMap<>();
    private final int account;
    private final int serviceDescription;
    private final int skuId;
    private final int skuDescription;
    private final int start;
    private final int end;
    private final int projectId;
    private final int projectName;
    private final int labels;
    private final int location;
    private final int region;
    private final int zone;
    private final int seller;
    private final int cost;
    private final int currency;
    private final int usageAmount;
    private final int usageUnit;
    private final int pricingAmount;
    private final int pricingUnit;
    private final int credits;
    private final int invoiceMonth;
    private final int costType;
    private final int costAtList;
    private final int resourceName;
    private final int resourceGlobalName;
    private final int effectivePrice;
    private final int listPrice;
    private final int costAtEffective;

    B(Header h) {
      account = req(h, "billing_account_id");
      serviceDescription = req(h, "service.description");
      skuId = col(h, "sku.id");
      skuDescription = col(h, "sku.description");
      start = req(h, "usage_start_time");
      end = req(h, "usage_end_time");
      projectId = col(h, "project.id");
      projectName = col(h, "project.name");
      labels = col(h, "labels");
      location = col(h, "location.location");
      region = col(h, "location.region");
      zone = col(h, "location.zone");
      seller = col(h, "seller_name");
      cost = req(h, "cost");
      currency = req(h, "currency");
      usageAmount = col(h, "usage.amount");
      usageUnit = col(h, "usage.unit");
      pricingAmount = col(h, "usage.amount_in_pricing_units");
      pricingUnit = col(h, "usage.pricing_unit");
      credits = col(h, "credits");
      invoiceMonth = req(h, "invoice.month");
      costType = col(h, "cost_type");
      costAtList = col(h, "cost_at_list");
      resourceName = col(h, "resource.name");
      resourceGlobalName = col(h, "resource.global_name");
      effectivePrice = col(h, "price.effective_price");
      listPrice = col(h, "price.list_price");
      costAtEffective = col(h, "cost_at_effective_price_default");
    }

    @Override
    public String sourceCostColumn() {
      return "cost";
    }

    @Override
    public BigDecimal sourceCost(Row row) {
      return p.sourceAmount(row, cost);
    }

    @Override
    public String sourceCurrency(Row row) {
      return row.get(currency);
    }

    private Instant[] month(Row r) throws RowException {
      String m = r.require(invoiceMonth);
      Instant[] period = months.get(m);
      if (period == null) {
        try {
          if (m.length() != 6) {
            throw new DateTimeParseException("expected YYYYMM", m, 0);
          }
          YearMonth ym = YearMonth.of(Integer.parseInt(m.substring(0, 4)), Integer.parseInt(m.substring(4)));
          period =
              new Instant[] {
                ym.atDay(1).atStartOfDay(PACIFIC).toInstant(), ym.plusMonths(1).atDay(1).atStartOfDay(PACIFIC).toInstant()
              };
        } catch (NumberFormatException | java.time.DateTimeException e) {
          throw new RowException(r.header().name(invoiceMonth), "bad invoice month (expected YYYYMM)", m);
        }
        months.put(m, period);
      }
      return period;
    }

    @Override
    public CostRecord map(Row r) throws RowException {
      BigDecimal c = p.requireDecimal(r, cost);
      BigDecimal effective = c;
      String cudId = null;
      String cudCategory = null;
      String creditText = r.get(credits);
      if (creditText != null) {
        JsonNode arr;
        try {
          arr = JSON.readTree(creditText);
        } catch (JsonProcessingException e) {
          throw new RowException(r.header().name(credits), "bad JSON array", creditText);
        }
        if (arr != null && arr.isArray()) {
          for (JsonNode credit : arr) {
            JsonNode amount = credit.get("amount");
            if (amount != null && !amount.isNull()) {
              effective = effective.add(Parse.decimal("credits.amount", amount.asText()));
            }
            String type = credit.path("type").asText("");
            if (type.startsWith("COMMITTED_USAGE_DISCOUNT")) {
              cudId = credit.hasNonNull("id") ? credit.get("id").asText() : credit.path("name").asText(null);
              cudCategory = type.endsWith("DOLLAR_BASE") ? "Spend" : "Usage";
            }
          }
        }
      }
      String type = r.get(costType);
      String skuText = r.get(skuDescription);
      ChargeCategory category;
      ChargeFrequency frequency = null;
      switch (type == null ? "regular" : type.toLowerCase(Locale.ROOT)) {
        case "regular":
          if (skuText != null && skuText.startsWith("Commitment")) {
            category = ChargeCategory.PURCHASE;
            frequency = ChargeFrequency.RECURRING;
          } else {
            category = ChargeCategory.USAGE;
            frequency = ChargeFrequency.USAGE_BASED;
          }
          break;
        case "tax":
          category = ChargeCategory.TAX;
          break;
        case "credit":
          category = ChargeCategory.CREDIT;
          break;
        default:
          category = ChargeCategory.ADJUSTMENT;
      }
      String pricingCategory = null;
      if (category == ChargeCategory.USAGE) {
        if (cudId != null) {
          pricingCategory = "Committed";
        } else if (skuText != null && (skuText.contains("Spot") || skuText.contains("Preemptible"))) {
          pricingCategory = "Dynamic";
        } else {
          pricingCategory = "Standard";
        }
      }
      BigDecimal list = p.decimal(r, costAtList);
      BigDecimal contracted = p.decimal(r, costAtEffective);
      String service = r.require(serviceDescription);
      String sellerName = r.get(seller);
      String regionId = r.get(region);
      Instant[] period = month(r);
      CostRecord.Builder b =
          CostRecord.builder()
              .billedCost(c)
              .effectiveCost(effective)
              .listCost(list != null ? list : c)
              .contractedCost(contracted != null ? contracted : c)
              .billingCurrency(p.currency(r, currency))
              .chargeCategory(category)
              .chargeFrequency(frequency)
              .chargeDescription(skuText)
              .chargePeriodStart(p.requireInstant(r, start))
              .chargePeriodEnd(p.requireInstant(r, end))
              .billingPeriodStart(period[0])
              .billingPeriodEnd(period[1])
              .providerName("Google Cloud")
              .publisherName(sellerName != null ? sellerName : "Google Cloud")
              .invoiceIssuerName("Google Cloud")
              .billingAccountId(r.require(account))
              .subAccountId(r.get(projectId))
              .subAccountName(r.get(projectName))
              .regionId(regionId != null ? regionId : r.get(location))
              .availabilityZone(r.get(zone))
              .serviceName(service)
              .serviceCategory(Lookups.GCP_CATEGORY.getOrDefault(service.toLowerCase(Locale.ROOT), "Other"))
              .resourceId(r.get(resourceGlobalName))
              .resourceName(r.get(resourceName))
              .skuId(r.get(skuId))
              .skuMeter(skuText)
              .pricingCategory(pricingCategory)
              .pricingQuantity(p.decimal(r, pricingAmount))
              .pricingUnit(r.get(pricingUnit))
              .listUnitPrice(p.decimal(r, listPrice))
              .contractedUnitPrice(p.decimal(r, effectivePrice))
              .consumedQuantity(category == ChargeCategory.USAGE ? p.decimal(r, usageAmount) : null)
              .consumedUnit(category == ChargeCategory.USAGE ? r.get(usageUnit) : null);
      if (cudId != null) {
        b.commitmentDiscountId(cudId)
            .commitmentDiscountCategory(cudCategory)
            .commitmentDiscountType("Committed Use Discount")
            .commitmentDiscountStatus("Used");
      }
      String labelText = r.get(labels);
      if (labelText != null) {
        JsonNode arr;
        try {
          arr = JSON.readTree(labelText);
        } catch (JsonProcessingException e) {
          throw new RowException(r.header().name(labels), "bad JSON array", labelText);
        }
        if (arr != null && arr.isArray()) {
          for (JsonNode kv : arr) {
            if (kv.hasNonNull("key") && kv.hasNonNull("value") && !kv.get("key").asText().isBlank()) {
              b.tag(kv.get("key").asText(), kv.get("value").asText());
            }
          }
        }
      }
      return b.build();
    }
  }

  /** Whether a stream holds JSON lines: its first non-blank character is '{'. */
  static boolean looksLikeJson(InputStream buffered) throws IOException {
    buffered.mark(4096);
    try {
      for (int i = 0; i < 4096; i++) {
        int ch = buffered.read();
        if (ch < 0) {
          return false;
        }
        if (!Character.isWhitespace(ch) && ch != 0xEF && ch != 0xBB && ch != 0xBF) {
          return ch == '{';
        }
      }
      return false;
    } finally {
      buffered.reset();
    }
  }
}
