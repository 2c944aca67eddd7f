package io.stratus.adapters.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small scrape endpoint on the JDK's HTTP server: {@code GET /metrics} answers with the registry's meters in the
 * Prometheus text format, or in OpenMetrics when the scraper asks for {@code application/openmetrics-text} (as
 * Prometheus does). Requests run on the host's executor; nothing starts until {@link #start} is called and
 * {@link #close()} stops it. A host with its own HTTP server does not need this class: it serves
 * {@code registry.scrape(acceptHeader)} at a path of its choice.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PrometheusExporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusExporter.class);
  /** The path the endpoint serves. */
  public static final String PATH = "/metrics";

  private final HttpServer server;
  private final PrometheusMeterRegistry registry;

  private PrometheusExporter(HttpServer server, PrometheusMeterRegistry registry) {
    this.server = server;
    this.registry = registry;
  }

  /**
   * Binds the address and starts serving {@value #PATH}.
   *
   * @param registry the registry whose meters are served; never null
   * @param address where to listen, e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 9464)};
   *     port 0 picks a free port (see {@link #port()}); never null
   * @param executor runs the requests, e.g. a single named thread of the host's; never null
   * @return the started exporter; never null
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static PrometheusExporter start(PrometheusMeterRegistry registry, InetSocketAddress address,
      Executor executor) {
    Objects.requireNonNull(registry, "registry must not be null");
    Objects.requireNonNull(address, "address must not be null");
    Objects.requireNonNull(executor, "executor must not be null");
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the Prometheus exporter to " + address, e);
    }
    PrometheusExporter exporter = new PrometheusExporter(server, registry);
    server.createContext(PATH, exporter::handle);
    server.setExecutor(executor);
    server.start();
    LOG.atInfo().setMessage("Prometheus exporter started").addKeyValue("address", server.getAddress())
        .addKeyValue("path", PATH).log();
    return exporter;
  }

  /**
   * The port the exporter listens on (the chosen one when started with port 0).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}.
   *
   * @return the URL; never null
   */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + PATH);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      String contentType = accept != null && accept.contains("application/openmetrics-text")
          ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
          : "text/plain; version=0.0.4; charset=utf-8";
      byte[] body = registry.scrape(contentType).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops serving at once (requests in flight are cut off); idempotent. */
  @Override
  public void close() {
    server.stop(0);
  }
}
