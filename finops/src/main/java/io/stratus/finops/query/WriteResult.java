package io.stratus.finops.query;

import org.apiguardian.api.API;

/**
 * What a write to a {@link io.stratus.finops.spi.CostStore} did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added records added
 * @param removed stored records removed because the write replaced them (restated lines or a re-issued period)
 * @param live records held after the write
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WriteResult(long added, long removed, long live) {}
