package io.stratus.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.spark.LocalSpark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@link ExactSum} on Spark equals the {@link BigDecimal} sum of every group, whatever the magnitudes and signs of
 * {@code DECIMAL(38, 18)} values, and its two ordering columns order the groups as their totals.
 */
class ExactSumProperties {
  private static final StructType SCHEMA = new StructType().add("g", DataTypes.IntegerType)
      .add("v", DataTypes.createDecimalType(38, 18));

  /** Values of DECIMAL(38, 18): any sign, 0 to 20 digits before the point, 0 to 18 after. */
  @Provide
  Arbitrary<BigDecimal> values() {
    return Arbitraries.integers().between(0, 18).flatMap(scale -> Arbitraries.integers().between(0, 20)
        .flatMap(digits -> {
          BigInteger max = BigInteger.TEN.pow(digits + scale).subtract(BigInteger.ONE);
          return Arbitraries.bigIntegers().between(max.negate(), max).map(u -> new BigDecimal(u, scale));
        }));
  }

  @Provide
  Arbitrary<List<BigDecimal>> lists() {
    return values().list().ofMinSize(1).ofMaxSize(300);
  }

  @Property(tries = 4)
  void sumsAndOrder_equalBigDecimalSumsPerGroup(@ForAll("lists") List<BigDecimal> values) {
    List<Row> rows = new ArrayList<>();
    Map<Integer, BigDecimal> expected = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      int group = i % 7;
      rows.add(RowFactory.create(group, values.get(i)));
      expected.merge(group, values.get(i), BigDecimal::add);
    }
    List<Column> sums = ExactSum.columns(functions.col("v"), "s");

    List<Row> out = LocalSpark.session().createDataFrame(rows, SCHEMA).repartition(3).groupBy("g")
        .agg(sums.get(0), sums.get(1), sums.get(2))
        .orderBy(functions.col("s_int").desc(), functions.col("s_frac").desc()).collectAsList();

    Map<Integer, BigDecimal> actual = new TreeMap<>();
    List<BigDecimal> ordered = new ArrayList<>();
    for (Row r : out) {
      BigDecimal total = ExactSum.total(r, 1);
      actual.put(r.getInt(0), total);
      ordered.add(total);
    }
    assertThat(actual).hasSameSizeAs(expected);
    expected.forEach((g, sum) -> assertThat(actual.get(g)).as("group %s", g).isEqualByComparingTo(sum));
    assertThat(ordered).isSortedAccordingTo(Comparator.reverseOrder());
  }
}
