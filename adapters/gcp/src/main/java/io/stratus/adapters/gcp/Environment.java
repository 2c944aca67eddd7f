package io.stratus.adapters.gcp;

import com.google.cloud.ServiceOptions;
import com.google.common.base.Suppliers;
import io.stratus.InvalidConfigurationException;
import java.util.function.Supplier;

/**
 * The adapter that the no-argument providers (those {@link java.util.ServiceLoader} creates) share, built on first
 * use: the client libraries' default project and credentials, no billing export table. The SDK never reads the
 * process environment itself (STYLE.md section 2); a host with settings builds a {@link GcpAdapter} (for example
 * {@code GcpAdapter.fromSettings(System::getenv)}) and registers its providers.
 */
final class Environment {
  static final Supplier<GcpAdapter> ADAPTER = Suppliers.memoize(Environment::defaultAdapter);

  private Environment() {}

  private static GcpAdapter defaultAdapter() {
    String project = ServiceOptions.getDefaultProjectId();
    if (project == null || project.isBlank()) {
      throw new InvalidConfigurationException("gcp: the ServiceLoader providers use the client libraries' default"
          + " project (GOOGLE_CLOUD_PROJECT, the gcloud configuration or the metadata server) and found none; build"
          + " the adapter with GcpAdapter.builder().projectId(...) or GcpAdapter.fromSettings(System::getenv) and use"
          + " its providers");
    }
    return GcpAdapter.builder().projectId(project.strip()).build();
  }
}
