/**
 * Root package of the Stratus SDK: the exception hierarchy shared by every module.
 *
 * <p>Packages: {@code io.stratus.model} (immutable values), {@code io.stratus.spi} (provider interfaces found through
 * {@link java.util.ServiceLoader}), {@code io.stratus.scheduler} (the scheduling API).
 */
@NullMarked
package io.stratus;

import org.jspecify.annotations.NullMarked;
