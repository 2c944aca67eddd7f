package io.stratus.spark;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The JVM options Apache Spark 4 needs on Java 17 and later (the {@code --add-opens} flags of Spark's own launcher),
 * for hosts that run a Spark session inside their own JVM ({@code local[N]} in a test or a small job).
 * {@code spark-submit} adds them itself; a JVM started otherwise must be given them on its command line, and
 * {@link #requireOpen()} says so clearly instead of letting Spark fail later with an {@code IllegalAccessError}.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparkJavaOptions {
  /** The java.base packages Spark reflects into. */
  private static final List<String> OPENED_PACKAGES =
      List.of(
          "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
          "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
          "sun.security.action", "sun.util.calendar");

  private SparkJavaOptions() {}

  /**
   * The options, one per element, in the order Spark's launcher uses: {@code -XX:+IgnoreUnrecognizedVMOptions}, an
   * {@code --add-opens=java.base/<package>=ALL-UNNAMED} per package, {@code -Djdk.reflect.useDirectMethodHandle=false}
   * and {@code -Dio.netty.tryReflectionSetAccessible=true}.
   *
   * @return an immutable list; never null
   */
  public static List<String> options() {
    List<String> out = new ArrayList<>();
    out.add("-XX:+IgnoreUnrecognizedVMOptions");
    for (String p : OPENED_PACKAGES) {
      out.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    out.add("-Djdk.reflect.useDirectMethodHandle=false");
    out.add("-Dio.netty.tryReflectionSetAccessible=true");
    return List.copyOf(out);
  }

  /**
   * Checks that this JVM opens every package Spark needs to the class path (the unnamed module of this class's
   * loader).
   *
   * @throws IllegalStateException naming the packages that are not open and the options to add
   */
  public static void requireOpen() {
    Module base = Object.class.getModule();
    Module unnamed = SparkJavaOptions.class.getClassLoader().getUnnamedModule();
    List<String> closed = new ArrayList<>();
    for (String p : OPENED_PACKAGES) {
      if (!base.isOpen(p, unnamed)) {
        closed.add(p);
      }
    }
    if (!closed.isEmpty()) {
      throw new IllegalStateException(
          "Spark needs java.base packages " + closed + " opened to the class path on Java 17+; start the JVM with: "
              + String.join(" ", options()));
    }
  }
}
