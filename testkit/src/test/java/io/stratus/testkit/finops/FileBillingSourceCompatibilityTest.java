package io.stratus.testkit.finops;

import io.stratus.finops.collect.FileBillingSource;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.spi.BillingSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import org.junit.jupiter.api.io.TempDir;

/** The directory-of-exports source passes the kit, over FOCUS files written for two months. */
class FileBillingSourceCompatibilityTest extends BillingSourceCompatibilityKit {
  @TempDir Path dir;

  @Override
  protected BillingSource createSource() {
    try {
      for (YearMonth m : new YearMonth[] {YearMonth.of(2025, 1), YearMonth.of(2025, 2)}) {
        BillingPeriod p = BillingPeriod.of(m);
        try (Writer w = Files.newBufferedWriter(dir.resolve("focus-" + m + ".csv"), StandardCharsets.UTF_8);
            FocusCsvWriter out = FocusCsvWriter.create(w)) {
          for (int h = 0; h < 48; h++) {
            Instant s = p.start().plusSeconds(3600L * h);
            out.write(
                CostRecord.builder()
                    .allCosts(new BigDecimal("0.0" + (h % 9 + 1)))
                    .billingCurrency(Currency.getInstance("USD"))
                    .chargeCategory(ChargeCategory.USAGE)
                    .chargePeriod(s, s.plusSeconds(3600))
                    .billingPeriod(p)
                    .providerName("Kit")
                    .billingAccountId("acct")
                    .serviceName("svc")
                    .serviceCategory("Compute")
                    .resourceId("r-" + h)
                    .build());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FileBillingSource("files", dir, BillingReaders.detect());
  }

  @Override
  protected Instant asOf() {
    return Instant.parse("2025-03-15T00:00:00Z");
  }
}
