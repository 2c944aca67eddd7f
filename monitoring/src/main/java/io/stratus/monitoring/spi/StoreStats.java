package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * A snapshot of a store's size and of the outcomes of every append since it was created.
 *
 * <p>Immutable and thread-safe.
 *
 * @param series number of series
 * @param points points stored
 * @param encodedBytes bytes of encoded point data (bits rounded up per block), the figure for bytes per point
 * @param heapBytes approximate heap the point data occupies, including unused buffer capacity
 * @param duplicates appends ignored as duplicates
 * @param conflicts appends refused as conflicts
 * @param outOfOrder appends refused as out of order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoreStats(
    long series, long points, long encodedBytes, long heapBytes, long duplicates, long conflicts, long outOfOrder) {
  /**
   * Encoded bytes per stored point.
   *
   * @return the ratio, NaN when empty
   */
  public double bytesPerPoint() {
    return points == 0 ? Double.NaN : (double) encodedBytes / points;
  }
}
