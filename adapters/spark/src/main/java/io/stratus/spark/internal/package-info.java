/** Implementation details shared by the Spark adapter's packages; not API. */
@NullMarked
package io.stratus.spark.internal;

import org.jspecify.annotations.NullMarked;
