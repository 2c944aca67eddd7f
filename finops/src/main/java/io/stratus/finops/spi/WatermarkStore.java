package io.stratus.finops.spi;

import io.stratus.finops.focus.BillingPeriod;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Where a {@link io.stratus.finops.collect.CostCollector} remembers, per source and billing period, the watermark of
 * the last batch the cost store accepted. A host that keeps its cost store in a database keeps the watermarks there
 * too.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface WatermarkStore {
  /**
   * An in-memory store.
   *
   * @return a new, empty store; never null
   */
  static WatermarkStore inMemory() {
    Map<String, Watermark> map = new ConcurrentHashMap<>();
    return new WatermarkStore() {
      @Override
      public Optional<Watermark> get(String sourceId, BillingPeriod period) {
        return Optional.ofNullable(map.get(key(sourceId, period)));
      }

      @Override
      public void put(String sourceId, BillingPeriod period, Watermark watermark) {
        map.put(key(sourceId, period), Objects.requireNonNull(watermark, "watermark"));
      }

      private String key(String sourceId, BillingPeriod period) {
        return Objects.requireNonNull(sourceId, "sourceId") + "|" + Objects.requireNonNull(period, "period");
      }
    };
  }

  /**
   * The last stored watermark.
   *
   * @param sourceId the source; never null
   * @param period the billing period; never null
   * @return the watermark, empty when nothing was collected yet
   */
  Optional<Watermark> get(String sourceId, BillingPeriod period);

  /**
   * Records the watermark of a batch the cost store accepted.
   *
   * @param sourceId the source; never null
   * @param period the billing period; never null
   * @param watermark the new watermark; never null
   */
  void put(String sourceId, BillingPeriod period, Watermark watermark);
}
