/**
 * Stratus on Apache Spark, for hosts that outgrow one JVM: the same finops and simulation code run as Spark jobs.
 * Spark is a {@code provided} dependency (the cluster's own Spark). {@link io.stratus.spark.SparkJavaOptions} lists
 * the JVM flags Spark needs on Java 17 and checks that a JVM that embeds a local session was started with them.
 */
@NullMarked
package io.stratus.spark;

import org.jspecify.annotations.NullMarked;
