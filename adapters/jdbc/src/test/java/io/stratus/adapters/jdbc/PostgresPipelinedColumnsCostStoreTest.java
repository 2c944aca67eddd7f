package io.stratus.adapters.jdbc;

/** The pipelined cost store kit and many-piece writes on PostgreSQL, rows in {@link CostRowLayout#COLUMNS} layout. */
class PostgresPipelinedColumnsCostStoreTest extends PostgresPipelinedCostStoreTest {
  @Override
  CostRowLayout layout() {
    return CostRowLayout.COLUMNS;
  }
}
