package io.stratus.benchmarks.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.stratus.adapters.webhooks.DeliveryRound;
import io.stratus.adapters.webhooks.EventCodec;
import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.FileOutbox;
import io.stratus.adapters.webhooks.StratusEvent;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.adapters.webhooks.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Webhook throughput: publishing to the fsynced file outbox (one event per publish, and batches of 100 per publish),
 * beside a bare {@code FileChannel.write + force} loop of the same record sizes (the disk's ceiling); and delivery from
 * the outbox to a loopback receiver on the JDK HTTP server, beside bare {@code HttpClient.sendAsync} of the same
 * bodies in the same batch size (no outbox, no signing, no bookkeeping). Three runs; prints the median and the runs.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.webhooks.WebhookThroughput [events]}
 */
public final class WebhookThroughput {

  private static final int RUNS = 3;
  private static final int BATCH = 256;

  private WebhookThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path dir = Files.createTempDirectory("webhook-bench");
    ExecutorService serverPool = Executors.newFixedThreadPool(4);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.setExecutor(serverPool);
    server.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    HttpClient client = HttpClient.newHttpClient();
    try {
      double[] single = new double[RUNS];
      double[] batched = new double[RUNS];
      double[] rawFsync = new double[RUNS];
      double[] deliver = new double[RUNS];
      double[] rawHttp = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        List<StratusEvent> events = events(n, run);
        single[run] = publish(dir.resolve("single-" + run), endpoint, secret, events, 1, client);
        batched[run] = publish(dir.resolve("batched-" + run), endpoint, secret, events, 100, client);
        rawFsync[run] = rawFsync(dir.resolve("raw-" + run), events);
        deliver[run] = deliver(dir.resolve("deliver-" + run), endpoint, secret, events, client);
        rawHttp[run] = rawHttp(endpoint, events, client);
      }
      System.out.printf(Locale.ROOT, "events per run: %d; body %d bytes%n", n, EventCodec.toJson(events(1, 0).get(0))
          .length);
      line("publish, 1 event per fsync (events/s)", single);
      line("publish, 100 events per fsync (events/s)", batched);
      line("peer: bare FileChannel write+force, 1 record per fsync (records/s)", rawFsync);
      line("deliver from the outbox to loopback (deliveries/s)", deliver);
      line("peer: bare HttpClient.sendAsync, same batches (requests/s)", rawHttp);
    } finally {
      server.stop(0);
      serverPool.shutdownNow();
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static List<StratusEvent> events(int n, int run) {
    Random random = new Random(run);
    List<StratusEvent> out = new ArrayList<>(n);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      out.add(Events.anomalyDetected("run" + run + "-" + i, URI.create("/bench"), t.plusSeconds(i), "cost:team=search",
          t.plusSeconds(i), 100 + random.nextDouble() * 50, 100, random.nextDouble(), Map.of("team", "search")));
    }
    return out;
  }

  private static WebhookDispatcher dispatcher(FileOutbox outbox, URI endpoint, WebhookSecret secret,
      HttpClient client) {
    WebhookDispatcher d = WebhookDispatcher.builder(outbox, InstantSource.system()).httpClient(client)
        .batchSize(BATCH).build();
    d.subscribe(Subscription.toAll("bench", endpoint, secret));
    return d;
  }

  private static double publish(Path journal, URI endpoint, WebhookSecret secret, List<StratusEvent> events,
      int perFsync, HttpClient client) {
    try (FileOutbox outbox = FileOutbox.open(journal)) {
      WebhookDispatcher d = dispatcher(outbox, endpoint, secret, client);
      long start = System.nanoTime();
      for (int i = 0; i < events.size(); i += perFsync) {
        d.publishAll(events.subList(i, Math.min(events.size(), i + perFsync)));
      }
      return events.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double rawFsync(Path file, List<StratusEvent> events) throws IOException {
    List<byte[]> bodies = events.stream().map(EventCodec::toJson).toList();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long start = System.nanoTime();
      long pos = 0;
      for (byte[] b : bodies) {
        ByteBuffer buf = ByteBuffer.allocate(8 + b.length + 32).putInt(b.length).putInt(0).put(b);
        buf.position(buf.capacity()).flip();
        while (buf.hasRemaining()) {
          pos += ch.write(buf, pos);
        }
        ch.force(false);
      }
      return bodies.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double deliver(Path journal, URI endpoint, WebhookSecret secret, List<StratusEvent> events,
      HttpClient client) {
    try (FileOutbox outbox = FileOutbox.open(journal)) {
      WebhookDispatcher d = dispatcher(outbox, endpoint, secret, client);
      for (int i = 0; i < events.size(); i += 100) {
        d.publishAll(events.subList(i, Math.min(events.size(), i + 100)));
      }
      long start = System.nanoTime();
      int delivered = 0;
      while (d.nextDueAt().isPresent()) {
        DeliveryRound r = d.deliverDue();
        delivered += r.delivered();
        if (r.retried() + r.dead() > 0) {
          throw new IllegalStateException("loopback receiver failed: " + r);
        }
      }
      return delivered / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double rawHttp(URI endpoint, List<StratusEvent> events, HttpClient client) {
    List<byte[]> bodies = events.stream().map(EventCodec::toJson).toList();
    long start = System.nanoTime();
    for (int i = 0; i < bodies.size(); i += BATCH) {
      List<CompletableFuture<HttpResponse<Void>>> batch = new ArrayList<>();
      for (byte[] b : bodies.subList(i, Math.min(bodies.size(), i + BATCH))) {
        batch.add(client.sendAsync(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
            .header("content-type", EventCodec.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
            HttpResponse.BodyHandlers.discarding()));
      }
      batch.forEach(CompletableFuture::join);
    }
    return bodies.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static void line(String what, double[] runs) {
    double[] sorted = runs.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: median %.0f (runs %s)%n", what, sorted[sorted.length / 2],
        Arrays.stream(runs).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
  }
}
