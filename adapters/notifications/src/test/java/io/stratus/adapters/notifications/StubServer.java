package io.stratus.adapters.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A local HTTP server (the JDK's) that records requests and answers with queued responses, 200 by default. */
final class StubServer implements AutoCloseable {
  record Request(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** One answer: a status, a body, extra headers, and optionally a latch to wait on first (to force a timeout). */
  record Response(int status, String body, Map<String, String> headers, CountDownLatch hold) {
    static Response of(int status, String body) {
      return new Response(status, body, Map.of(), null);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Response> queued = new ConcurrentLinkedDeque<>();
  private final Response fallback;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  StubServer(Response fallback) throws IOException {
    this.fallback = fallback;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] in;
      try (InputStream is = exchange.getRequestBody()) {
        in = is.readAllBytes();
      }
      requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
          new String(in, StandardCharsets.UTF_8)));
      Response r = queued.pollFirst();
      if (r == null) {
        r = fallback;
      }
      if (r.hold() != null) {
        try {
          r.hold().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  StubServer() throws IOException {
    this(Response.of(200, "ok"));
  }

  void enqueue(Response r) {
    queued.addLast(r);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
