package io.stratus.testkit.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.Watermark;
import io.stratus.finops.spi.WatermarkStore;
import java.time.YearMonth;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WatermarkStore} must pass: nothing before the first put, the last put wins, and sources
 * and billing periods are independent. Extend it in a test and return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class WatermarkStoreCompatibilityKit {
  private static final BillingPeriod JAN = BillingPeriod.of(YearMonth.of(2025, 1));
  private static final BillingPeriod FEB = BillingPeriod.of(YearMonth.of(2025, 2));

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract WatermarkStore createStore();

  @Test
  void get_beforeAnyPut_isEmpty() {
    assertThat(createStore().get("cur", JAN)).isEmpty();
  }

  @Test
  void put_lastOneWins_perSourceAndPeriod() {
    WatermarkStore store = createStore();
    store.put("cur", JAN, Watermark.of("etag-1"));
    store.put("cur", JAN, Watermark.of("etag-2"));
    store.put("cur", FEB, Watermark.of("feb-1"));
    store.put("gcp", JAN, Watermark.of("gcp\t\"1\""));
    assertThat(store.get("cur", JAN)).contains(Watermark.of("etag-2"));
    assertThat(store.get("cur", FEB)).contains(Watermark.of("feb-1"));
    assertThat(store.get("gcp", JAN)).contains(Watermark.of("gcp\t\"1\""));
    assertThat(store.get("gcp", FEB)).isEmpty();
  }
}
