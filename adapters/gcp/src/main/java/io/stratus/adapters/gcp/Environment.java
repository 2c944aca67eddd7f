package io.stratus.adapters.gcp;

import com.google.common.base.Suppliers;
import java.util.function.Supplier;

/**
 * The adapter that the no-argument providers (those {@link java.util.ServiceLoader} creates) share: configured from
 * the process environment on first use. The only place the adapter reads the environment.
 */
final class Environment {
  static final Supplier<GcpAdapter> ADAPTER = Suppliers.memoize(() -> GcpAdapter.fromSettings(System::getenv));

  private Environment() {}
}
