package io.stratus.adapters.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL server for tests: Debian's binaries under /usr/lib/postgresql/N/bin, a fresh data directory
 * in /tmp, a free loopback port, trust authentication, stopped (and deleted) when the JVM exits. PostgreSQL refuses to
 * run as root, so as root the server runs as the {@code postgres} user through {@code runuser}. One server per test
 * JVM; {@link #freshDatabase} gives each test its own database. Thread-safe.
 */
final class PostgresServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile PostgresServer instance;

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgresUser;
  private String runDatabase;

  private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The binaries folder of the newest installed PostgreSQL, if any. */
  static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why PostgreSQL tests are skipped here, or empty when they can run. */
  static Optional<String> unavailable() {
    return binaries().isPresent() ? Optional.empty()
        : Optional.of("no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql); the"
            + " PostgreSQL runs of the JDBC store tests are skipped");
  }

  /** The shared server, started on first use. */
  static synchronized PostgresServer get() {
    if (instance == null) {
      instance = start();
      PostgresServer s = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "postgres-test-server-stop"));
    }
    return instance;
  }

  private static PostgresServer start() {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(unavailable().orElse("")));
    try {
      boolean root = "0".equals(run(List.of("id", "-u"), false).strip());
      Path dir = Files.createTempDirectory("stratus-pg-");
      if (root) {
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      PostgresServer server = new PostgresServer(bin, dir.resolve("data"), port, root);
      server.pg(List.of(bin.resolve("initdb").toString(), "-D", server.dataDir.toString(), "-A", "trust", "-U",
          "postgres", "-E", "UTF8", "--no-sync"));
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (or restarts) the server process on the same data directory and port. */
  void startServer() {
    pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "300", "-l",
        dataDir.getParent().resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir.getParent() + " -c fsync=on"
            + " -c max_connections=60 -c shared_buffers=64MB",
        "start"));
  }

  /** Stops the server: "fast" (clean) or "immediate" (like a crash: no checkpoint, recovery on the next start). */
  void stopServer(String mode) {
    pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", mode, "stop"));
  }

  private void stopAndDelete() {
    try {
      stopServer("immediate");
    } catch (RuntimeException ignored) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dataDir.getParent())) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // best effort in /tmp
    }
  }

  int port() {
    return port;
  }

  /**
   * A new, empty schema in this run's database (created on first use; a fresh database per test run), as a data
   * source whose {@code currentSchema} is that schema. Schemas are much cheaper than databases to create, so every
   * test gets its own.
   */
  PGSimpleDataSource freshDatabase() {
    String database = runDatabase();
    String schema = "t_" + DATABASES.incrementAndGet();
    try (Connection c = dataSource(database, null).getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema " + schema + ": " + e.getMessage(), e);
    }
    return dataSource(database, schema);
  }

  private synchronized String runDatabase() {
    if (runDatabase == null) {
      String name = "stratus_test_" + ProcessHandle.current().pid();
      try (Connection c = dataSource("postgres", null).getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
      }
      runDatabase = name;
    }
    return runDatabase;
  }

  /** A JDBC URL that another process can use (user and schema included). */
  static String url(PGSimpleDataSource ds) {
    return "jdbc:postgresql://127.0.0.1:" + ds.getPortNumbers()[0] + "/" + ds.getDatabaseName() + "?user=postgres"
        + (ds.getCurrentSchema() == null ? "" : "&currentSchema=" + ds.getCurrentSchema());
  }

  PGSimpleDataSource dataSource(String database, @org.jspecify.annotations.Nullable String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(database);
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    ds.setSocketTimeout(60);
    if (schema != null) {
      ds.setCurrentSchema(schema);
    }
    return ds;
  }

  private void pg(List<String> command) {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    run(cmd, true);
  }

  private static String run(List<String> cmd, boolean quiet) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("/tmp")).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + cmd, e);
    }
  }
}
