package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM ({@code kill -9}) while it delivers from a file outbox to a receiver that fails 40 % of the time,
 * restarts it on the same journal, and checks at-least-once delivery: every acknowledged event arrives (signed), nothing
 * arrives that was not published, and a repeated delivery repeats the same id with the same body.
 */
class CrashRecoveryTest {

  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());

  @TempDir
  Path dir;

  private HttpServer server;
  private ExecutorService pool;
  private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final List<String> badSignatures = new CopyOnWriteArrayList<>();
  private final Random flaky = new Random(2026);

  @BeforeEach
  void startReceiver() throws IOException {
    WebhookVerifier verifier = WebhookVerifier.create(List.of(SECRET), Duration.ofMinutes(5), InstantSource.system());
    pool = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(pool);
    server.createContext("/hook", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      requests.incrementAndGet();
      String id;
      try {
        id = verifier.verify(exchange.getRequestHeaders(), body);
      } catch (WebhookVerifier.VerificationException e) {
        badSignatures.add(e.getMessage());
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      double roll;
      synchronized (flaky) {
        roll = flaky.nextDouble();
      }
      int status = roll < 0.3 ? 503 : roll < 0.4 ? 500 : 200;
      if (status == 200) {
        delivered.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new String(body, StandardCharsets.UTF_8));
      } else {
        rejected.incrementAndGet();
        if (status == 503) {
          exchange.getResponseHeaders().add("Retry-After", "0");
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
    pool.shutdownNow();
  }

  private Process startWorker(Path journal, int first, int count) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
        journal.toString(), "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", SECRET.reveal(),
        Integer.toString(first), Integer.toString(count));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Reads the worker's lines on a thread of its own, collecting ACKed ids. */
  private static Thread reader(Process p, Set<String> acked, List<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
          if (line.startsWith("ACK ")) {
            acked.add(line.substring(4));
          }
        }
      } catch (IOException e) {
        // the process was killed
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void killDashNine_whileDelivering_restartDeliversEveryAcknowledgedEvent() throws Exception {
    Path journal = dir.resolve("webhooks.journal");
    Set<String> acked = ConcurrentHashMap.newKeySet();
    List<String> lines1 = new CopyOnWriteArrayList<>();
    Process first = startWorker(journal, 0, 400);
    Thread r1 = reader(first, acked, lines1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while ((acked.size() < 200 || delivered.size() < 30) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(first.isAlive()).as("worker still running when killed; output: %s", lines1).isTrue();
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    r1.join(5_000);
    int ackedAtKill = acked.size();
    int deliveredAtKill = delivered.size();
    assertThat(ackedAtKill).as("kill came before every ACK was printed").isLessThan(400);
    assertThat(deliveredAtKill).as("kill came with deliveries outstanding").isLessThan(ackedAtKill);

    List<String> lines2 = new CopyOnWriteArrayList<>();
    Process second = startWorker(journal, 1000, 50);
    Thread r2 = reader(second, acked, lines2);
    assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("restarted worker finishes; output: %s", lines2).isTrue();
    r2.join(5_000);
    assertThat(lines2).as("restarted worker output").contains("DONE");
    int recovered = Integer.parseInt(lines2.stream().filter(l -> l.startsWith("RECOVERED pending="))
        .findFirst().orElseThrow().substring("RECOVERED pending=".length()));
    assertThat(recovered).as("deliveries pending in the journal at restart").isPositive();
    assertThat(second.exitValue()).isZero();

    assertThat(badSignatures).isEmpty();
    Set<String> missing = new HashSet<>(acked);
    missing.removeAll(delivered.keySet());
    assertThat(missing).as("acknowledged events never delivered").isEmpty();
    Set<String> published = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      published.add("crash-" + i);
    }
    for (int i = 1000; i < 1050; i++) {
      published.add("crash-" + i);
    }
    assertThat(published).as("nothing delivered that was not published").containsAll(delivered.keySet());
    List<String> duplicated = new ArrayList<>();
    delivered.forEach((id, bodies) -> {
      assertThat(new HashSet<>(bodies)).as("every delivery of %s carries the same body", id).hasSize(1);
      if (bodies.size() > 1) {
        duplicated.add(id);
      }
    });
    assertThat(rejected.get()).as("the receiver failed some requests").isPositive();
    System.out.printf("crash test: %d acked before kill, %d delivered before kill, %d pending recovered, %d acked in"
        + " total, %d delivered, %d duplicates (same id and body), %d requests, %d rejected by the flaky receiver%n",
        ackedAtKill, deliveredAtKill, recovered, acked.size(), delivered.size(), duplicated.size(), requests.get(),
        rejected.get());
  }
}
