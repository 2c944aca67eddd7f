package io.stratus.finops.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostRowOrderTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-03-02T00:00:00Z");

  private static CostRow row(Instant bucket, Currency currency, String... key) {
    return new CostRow(Arrays.asList(key), bucket, currency, BigDecimal.ONE, 1);
  }

  @Test
  void resultOrder_sortsByBucketThenKeyWithNoValueFirstThenCurrency() {
    CostRow day2 = row(DAY2, USD, "a");
    CostRow day1B = row(DAY1, USD, "b");
    CostRow day1NoValue = row(DAY1, USD, (String) null);
    CostRow day1AUsd = row(DAY1, USD, "a");
    CostRow day1AEur = row(DAY1, EUR, "a");
    List<CostRow> rows = new ArrayList<>(List.of(day2, day1B, day1AUsd, day1AEur));
    rows.add(day1NoValue);

    rows.sort(CostRow.RESULT_ORDER);

    assertThat(rows).containsExactly(day1NoValue, day1AEur, day1AUsd, day1B, day2);
  }

  @Test
  void resultOrder_withoutBuckets_ordersByKeyAcrossDimensions() {
    CostRow ab = row(null, USD, "a", "b");
    CostRow aNoValue = row(null, USD, "a", null);
    CostRow aa = row(null, USD, "a", "a");

    List<CostRow> rows = new ArrayList<>(List.of(ab, aa, aNoValue));
    rows.sort(CostRow.RESULT_ORDER);

    assertThat(rows).containsExactly(aNoValue, aa, ab);
  }
}
