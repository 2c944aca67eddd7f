package io.stratus.adapters.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * A ready Grafana dashboard (schema version 39) for Stratus's own meters as a {@code PrometheusMeterRegistry} exposes
 * them: scheduling decisions, latency and filtered candidates, prices, billing rows, cost anomalies, alerts, webhook
 * and notification deliveries, simulation events and provider requests. Its panels query a Prometheus data source
 * chosen at import ({@code ${DS_PROMETHEUS}}). Import it in Grafana (Dashboards, New, Import) or provision the file
 * {@code io/stratus/adapters/prometheus/stratus-sdk-dashboard.json} from this jar.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StratusDashboard {
  /** The class-path resource of the dashboard JSON. */
  public static final String RESOURCE = "/io/stratus/adapters/prometheus/stratus-sdk-dashboard.json";

  private StratusDashboard() {}

  /**
   * The dashboard JSON, as Grafana imports it.
   *
   * @return the JSON text; never null
   * @throws UncheckedIOException if the resource cannot be read (a broken jar)
   */
  public static String json() {
    try (InputStream in = StratusDashboard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("resource " + RESOURCE + " is missing from the jar"));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
