package io.stratus.adapters.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Data sources that fail or stop on purpose in the middle of a cost store operation, for the crash and locking tests:
 * one that kills its PostgreSQL connection's server process when the store starts its n-th COPY (as an administrator,
 * a failover or an OOM killer would), one that makes the n-th JDBC batch insert into {@code stratus_cost_record}
 * throw, one that holds the first statement with a given start until the test releases it, and one that runs a
 * setting on every new connection. Thread-safe.
 */
final class FaultyDataSource {
  private FaultyDataSource() {}

  /**
   * A data source whose connections are killed ({@code pg_terminate_backend}, from a separate connection) when the
   * store opens its {@code n}-th COPY through them; the COPY then fails on the dead connection.
   */
  static DataSource killingAtCopy(DataSource postgres, int n) {
    AtomicInteger copies = new AtomicInteger();
    return wrap(postgres, real -> (proxy, m, args) -> {
      if (m.getName().equals("unwrap") && args[0] == PGConnection.class && copies.incrementAndGet() == n) {
        int pid = real.unwrap(PGConnection.class).getBackendPID();
        try (Connection admin = postgres.getConnection(); Statement st = admin.createStatement()) {
          st.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
      }
      return call(real, m, args);
    });
  }

  /** A data source whose {@code n}-th JDBC batch insert into {@code stratus_cost_record} throws. */
  static DataSource failingAtBatch(DataSource ds, int n) {
    AtomicInteger batches = new AtomicInteger();
    return wrap(ds, real -> (proxy, m, args) -> {
      Object out = call(real, m, args);
      if (m.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT INTO stratus_cost_record")) {
        PreparedStatement ps = (PreparedStatement) out;
        return Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
            (p2, m2, a2) -> {
              if (m2.getName().equals("executeBatch") && batches.incrementAndGet() == n) {
                throw new SQLException("injected failure of batch " + n, "XX000");
              }
              return call(ps, m2, a2);
            });
      }
      return out;
    });
  }

  /**
   * A data source whose connections stop when the first statement starting with {@code sqlStart} is prepared: {@code
   * reached} is completed, then the preparing thread waits for {@code release} (no timeout: the test releases it).
   * Later statements pass.
   */
  static DataSource pausingAt(DataSource ds, String sqlStart, CompletableFuture<Void> reached,
      CountDownLatch release) {
    AtomicBoolean paused = new AtomicBoolean();
    return wrap(ds, real -> (proxy, m, args) -> {
      if (m.getName().equals("prepareStatement") && ((String) args[0]).startsWith(sqlStart)
          && paused.compareAndSet(false, true)) {
        reached.complete(null);
        release.await();
      }
      return call(real, m, args);
    });
  }

  /** A data source that runs {@code sql} (a session setting) on every connection it hands out. */
  static DataSource initializing(DataSource ds, String sql) {
    return (DataSource) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, m, args) -> {
          Object out = call(ds, m, args);
          if (out instanceof Connection c) {
            try (Statement st = c.createStatement()) {
              st.execute(sql);
            }
          }
          return out;
        });
  }

  /** Makes an invocation handler for one real connection. */
  private interface Handlers {
    InvocationHandler of(Connection real);
  }

  private static DataSource wrap(DataSource ds, Handlers handlers) {
    return (DataSource) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, m, args) -> {
          Object out = call(ds, m, args);
          if (out instanceof Connection c) {
            return Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                handlers.of(c));
          }
          return out;
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
