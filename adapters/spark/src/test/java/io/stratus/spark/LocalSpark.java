package io.stratus.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' one local Spark session (local[2], at most two attempts per task; a session time zone other than UTC on purpose), shared by every test class. */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session, created on first use with the UI and the event log off. */
  public static synchronized SparkSession session() {
    if (session == null) {
      SparkJavaOptions.requireOpen();
      session =
          SparkSession.builder()
              .master("local[2,2]")
              .appName("stratus-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.session.timeZone", "America/Los_Angeles")
              .config("spark.sql.warehouse.dir", Fixtures.scratch().resolve("warehouse").toString())
              .getOrCreate();
    }
    return session;
  }
}
