package io.stratus.samples.server;

import com.sun.net.httpserver.HttpServer;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.AccessGuard;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Permission;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.simulation.scenario.ScenarioLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference REST server: implements the OpenAPI document {@code openapi/stratus.yaml} (on the class path,
 * {@link #OPENAPI_RESOURCE}) on the JDK's built-in HTTP server over the SDK's embedded defaults, for costs and
 * budgets, metrics and alerts, simulations, webhook subscriptions and schedules.
 *
 * <p>Every {@code /v1} operation needs an API key ({@code Authorization: Bearer strk_...}) of {@code
 * stratus-security}: the key's own permissions and the roles of its principal must both cover the operation (401
 * without a valid key, 403 without the permission; RFC 9457 problem details). Principals get one of three roles:
 * {@code viewer} (every {@code :read}), {@code operator} (also ingest, change budgets, write metrics, acknowledge,
 * run simulations, manage webhooks, place workloads) and {@code admin} (everything). {@code /health/live} and
 * {@code /health/ready} are open. {@link #close()} shuts down gracefully: readiness turns to 503, in-flight requests
 * finish, and due webhook deliveries are made (later retries stay in the durable outbox for the next start).
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.server.ReferenceServer}; settings come from environment variables (see
 * {@code docs/reference-server.md}). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReferenceServer implements AutoCloseable {
  /** The class-path resource of the OpenAPI 3.1 document this server implements. */
  public static final String OPENAPI_RESOURCE = "/openapi/stratus.yaml";
  /** The roles a principal may be given. */
  public static final List<String> ROLES = List.of("viewer", "operator", "admin");
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);
  private static final Pattern TOKEN = Pattern.compile("strk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
  private static final String ORGANIZATION = "stratus";

  private final Builder config;
  private final Services services;
  private final AccessPolicy policy;
  private final ApiKeyStore keyStore = ApiKeyStore.inMemory();
  private final ApiKeys keys;
  private final Api api;
  private final HttpServer http;
  private final ExecutorService requestPool;
  private final ScheduledExecutorService deliveryLoop;
  private volatile boolean ready;
  private boolean closed;

  private ReferenceServer(Builder b) throws IOException {
    this.config = b;
    Files.createDirectories(b.dataDirectory);
    this.services = new Services(b.clock, b.dataDirectory, b.alertRules,
        ScenarioLimits.defaults().withMaxDuration(b.maxSimulatedDuration).withMaxJobsPerRun(b.maxJobsPerRun),
        b.simulationThreads);
    this.policy = AccessPolicy.create();
    policy.addTenant(ORGANIZATION);
    policy.defineRole(Role.of("viewer", Set.of(), "*:read"));
    policy.defineRole(Role.of("operator", Set.of("viewer"), "cost:ingest", "budget:change", "metric:write",
        "alert:acknowledge", "simulation:run", "webhook:manage", "workload:place"));
    policy.defineRole(Role.of("admin", Set.of("operator"), "*:*"));
    this.keys = ApiKeys.create(keyStore, b.clock);
    this.api = new Api(services, keys, AccessGuard.of(policy), Scope.organization(ORGANIZATION), () -> ready);
    this.http = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 64);
    this.requestPool = Executors.newFixedThreadPool(b.requestThreads, Services.named("stratus-http"));
    http.setExecutor(requestPool);
    http.createContext("/", api);
    this.deliveryLoop = Executors.newSingleThreadScheduledExecutor(Services.named("stratus-webhooks"));
  }

  /**
   * A builder with the defaults: loopback, port 8080, a data directory under the system temp directory, the system
   * clock.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  private ReferenceServer startServing() {
    http.start();
    long interval = config.deliveryInterval.toMillis();
    deliveryLoop.scheduleWithFixedDelay(this::deliverDue, interval, interval, TimeUnit.MILLISECONDS);
    ready = true;
    LOG.info("Stratus reference server listening on {}", baseUri());
    return this;
  }

  private void deliverDue() {
    try {
      services.webhooks.deliverDue();
    } catch (RuntimeException e) {
      LOG.warn("webhook delivery round failed; the deliveries stay in the outbox", e);
    }
  }

  /**
   * The port the server listens on (the chosen one when built with port 0).
   *
   * @return the port
   */
  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * The server's base URI, e.g. {@code http://127.0.0.1:8080}.
   *
   * @return the base URI; never null
   */
  public URI baseUri() {
    InetAddress a = http.getAddress().getAddress();
    String host = a.isAnyLocalAddress() ? "localhost" : a.getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /**
   * Gives a principal a role and issues it an API key.
   *
   * @param principalId the service account; never null
   * @param role one of {@link #ROLES}; never null
   * @param permissions what the key itself is limited to (e.g. {@code cost:read}, or {@code *:*}); not empty
   * @param validity how long the key works; positive
   * @return the key (its token is shown only here); never null
   * @throws IllegalArgumentException if the role is unknown, permissions are empty or validity not positive
   */
  public IssuedApiKey issueKey(String principalId, String role, Set<Permission> permissions, Duration validity) {
    bind(principalId, role);
    return keys.issue(principalId, permissions, validity);
  }

  /**
   * Registers a key the operator generated (e.g. from a Kubernetes secret) for a principal with a role; only the
   * SHA-256 hash of the token is kept.
   *
   * @param token the key, {@code strk_<16 hex>_<43 base64url>}; never null
   * @param principalId the service account; never null
   * @param role one of {@link #ROLES}; never null
   * @param validity how long the key works from now; positive
   * @throws IllegalArgumentException if the token is malformed (the message never contains it) or the role unknown
   */
  public void registerKey(String token, String principalId, String role, Duration validity) {
    Matcher m = TOKEN.matcher(Objects.requireNonNull(token, "token"));
    if (!m.matches()) {
      throw new IllegalArgumentException("API key must be strk_ + 16 hex digits + _ + 43 base64url characters "
          + "(length " + token.length() + ")");
    }
    bind(principalId, role);
    var now = config.clock.instant();
    keyStore.save(ApiKeyRecord.of(m.group(1), principalId, sha256Hex(token), Set.of(Permission.parse("*:*")), now,
        now.plus(validity), null, null));
  }

  private void bind(String principalId, String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("role must be one of " + ROLES + ", got '" + role + "'");
    }
    policy.bind(principalId, role, Scope.organization(ORGANIZATION));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** The implemented operations, for tests. */
  List<Route> routes() {
    return api.routes();
  }

  /**
   * Starts shutting down: readiness answers 503 from now on so that load balancers stop sending traffic, while
   * every endpoint keeps serving until {@link #close()}.
   */
  public void beginShutdown() {
    ready = false;
  }

  /**
   * Whether readiness answers 200.
   *
   * @return true between start and {@link #beginShutdown()}
   */
  public boolean isReady() {
    return ready;
  }

  /**
   * Shuts down gracefully: readiness turns to 503 and stays so for the readiness drain, the listener closes and
   * in-flight requests get the shutdown grace to finish, then every webhook delivery that is due is made (a failed
   * one stays in the fsynced outbox for the next start), and the outbox closes. Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    beginShutdown();
    try {
      if (!config.readinessDrain.isZero()) {
        Thread.sleep(config.readinessDrain.toMillis());
      }
      http.stop((int) Math.max(1, config.shutdownGrace.toSeconds()));
      requestPool.shutdown();
      requestPool.awaitTermination(config.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
      deliveryLoop.shutdown();
      deliveryLoop.awaitTermination(config.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
      drainDeliveries();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while shutting down; undelivered webhooks stay in the outbox");
    } finally {
      requestPool.shutdownNow();
      deliveryLoop.shutdownNow();
      services.close();
      LOG.info("Stratus reference server stopped");
    }
  }

  private void drainDeliveries() {
    long deadline = System.nanoTime() + config.shutdownGrace.toNanos();
    while (System.nanoTime() < deadline) {
      var next = services.webhooks.nextDueAt();
      if (next.isEmpty() || next.get().isAfter(config.clock.instant())) {
        break;
      }
      deliverDue();
    }
    services.webhooks.nextDueAt().ifPresent(at -> LOG.info(
        "webhook deliveries still pending (next due {}); they are kept in the outbox for the next start", at));
  }

  /**
   * Starts the server from environment variables ({@link ServerSettings}) and stops it gracefully on SIGTERM. Without
   * {@code STRATUS_ADMIN_KEY} it issues an admin key and prints it once.
   *
   * @param args ignored
   * @throws IOException if the port cannot be bound or the data directory not created
   */
  public static void main(String[] args) throws IOException {
    ServerSettings settings = ServerSettings.from(System::getenv);
    Builder b = builder().bindAddress(settings.bindAddress()).port(settings.port())
        .dataDirectory(settings.dataDirectory()).shutdownGrace(settings.shutdownGrace())
        .readinessDrain(settings.readinessDrain());
    if (settings.alertRules().isPresent()) {
      b.alertRules(Files.readString(settings.alertRules().get(), StandardCharsets.UTF_8));
    }
    ReferenceServer server = b.start();
    if (settings.adminKey().isPresent()) {
      server.registerKey(settings.adminKey().get(), "admin", "admin", Duration.ofDays(365));
    } else {
      IssuedApiKey key = server.issueKey("admin", "admin", Set.of(Permission.parse("*:*")), Duration.ofDays(1));
      System.out.println("admin API key (shown once, valid 1 day): " + key.token());
    }
    System.out.println("Stratus reference server on " + server.baseUri() + " (OpenAPI: " + OPENAPI_RESOURCE + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stratus-shutdown"));
  }

  /**
   * Configures and starts a {@link ReferenceServer}. Not thread-safe; {@link #start()} may run more than once (each
   * call starts another server).
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8080;
    private Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "stratus-reference-server");
    private InstantSource clock = InstantSource.system();
    private String alertRules = defaultAlertRules();
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Duration readinessDrain = Duration.ZERO;
    private Duration deliveryInterval = Duration.ofMillis(250);
    private Duration maxSimulatedDuration = Duration.ofDays(31);
    private long maxJobsPerRun = 200_000;
    private int requestThreads = 8;
    private int simulationThreads = 1;

    private Builder() {}

    /**
     * The address to listen on (default loopback; {@code 0.0.0.0} in a container).
     *
     * @param value the address; never null
     * @return this builder
     */
    public Builder bindAddress(InetAddress value) {
      this.bindAddress = Objects.requireNonNull(value, "bindAddress");
      return this;
    }

    /**
     * The port (default 8080; 0 picks a free one).
     *
     * @param value 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Where the webhook outbox journal is kept (created if missing).
     *
     * @param value the directory; never null
     * @return this builder
     */
    public Builder dataDirectory(Path value) {
      this.dataDirectory = Objects.requireNonNull(value, "dataDirectory");
      return this;
    }

    /**
     * The time source of budgets, alerts, keys and deliveries (default the system clock).
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Alert rules and routes in the monitoring module's YAML format; a route to the channel {@code webhooks}
     * publishes alerts as events. Default: {@code alert-rules.yaml} beside this class.
     *
     * @param yaml the configuration; never null
     * @return this builder
     */
    public Builder alertRules(String yaml) {
      this.alertRules = Objects.requireNonNull(yaml, "alertRules");
      return this;
    }

    /**
     * How long in-flight requests and due deliveries get at shutdown (default 10 s).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = positive(value, "shutdownGrace");
      return this;
    }

    /**
     * How long readiness answers 503 before the listener closes (default 0; a few seconds behind a load balancer).
     *
     * @param value zero or positive; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder readinessDrain(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("readinessDrain must not be negative, got " + value);
      }
      this.readinessDrain = value;
      return this;
    }

    /**
     * How often due webhook deliveries are made (default 250 ms).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder deliveryInterval(Duration value) {
      this.deliveryInterval = positive(value, "deliveryInterval");
      return this;
    }

    /**
     * The longest simulated duration a submitted scenario may have (default 31 days).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxSimulatedDuration(Duration value) {
      this.maxSimulatedDuration = positive(value, "maxSimulatedDuration");
      return this;
    }

    /**
     * The most jobs one simulation run may generate (default 200,000).
     *
     * @param value positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxJobsPerRun(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxJobsPerRun must be positive, got " + value);
      }
      this.maxJobsPerRun = value;
      return this;
    }

    /**
     * Threads that serve requests (default 8) and run simulations (default 1).
     *
     * @param requests at least 1
     * @param simulations at least 1
     * @return this builder
     * @throws IllegalArgumentException if either is below 1
     */
    public Builder threads(int requests, int simulations) {
      if (requests < 1 || simulations < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got requests=" + requests + ", simulations="
            + simulations);
      }
      this.requestThreads = requests;
      this.simulationThreads = simulations;
      return this;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return the running server; never null
     * @throws UncheckedIOException if the port cannot be bound or the data directory not created
     */
    public ReferenceServer start() {
      try {
        return new ReferenceServer(this).startServing();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the reference server on " + bindAddress + ":" + port, e);
      }
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    private static String defaultAlertRules() {
      try (InputStream in = ReferenceServer.class.getResourceAsStream("alert-rules.yaml")) {
        if (in == null) {
          throw new IllegalStateException("alert-rules.yaml is missing beside ReferenceServer on the class path");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
