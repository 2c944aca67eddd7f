/**
 * Durable stores over any JDBC {@link javax.sql.DataSource}, PostgreSQL first and H2 second: {@link
 * io.stratus.adapters.jdbc.JdbcStores} applies the schema migrations shipped in this jar and hands out the store SPI
 * implementations (cost records with a COPY write path on PostgreSQL, billing watermarks, approval requests with
 * compare-and-set). Database failures surface as {@link io.stratus.adapters.jdbc.JdbcStoreException}, which says
 * whether a retry can help. The schema of every table is documented in {@code docs/jdbc.md}.
 */
@NullMarked
package io.stratus.adapters.jdbc;

import org.jspecify.annotations.NullMarked;
