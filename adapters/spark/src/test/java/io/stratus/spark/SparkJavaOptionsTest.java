package io.stratus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SparkJavaOptionsTest {
  @Test
  void theBuildOpensWhatSparkNeedsAndALocalSessionRuns() {
    SparkJavaOptions.requireOpen();
    List<Row> rows = LocalSpark.session().sql("SELECT id * 2 AS twice FROM range(0, 1000)").collectAsList();
    assertThat(rows).hasSize(1000);
    assertThat(rows.get(999).getLong(0)).isEqualTo(1998L);
  }

  @Test
  void optionsAreTheLaunchersFlags() {
    assertThat(SparkJavaOptions.options())
        .startsWith("-XX:+IgnoreUnrecognizedVMOptions")
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true");
  }
}
