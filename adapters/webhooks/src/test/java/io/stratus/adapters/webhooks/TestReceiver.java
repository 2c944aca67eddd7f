package io.stratus.adapters.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback webhook receiver on the JDK's HTTP server that answers from a script (default 204) and keeps requests. */
final class TestReceiver implements AutoCloseable {

  record Reply(int status, Map<String, String> headers, long delayMillis) {
    static Reply of(int status) {
      return new Reply(status, Map.of(), 0);
    }
  }

  record Request(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private volatile Reply fallback = Reply.of(204);

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/hook", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  TestReceiver then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  TestReceiver always(Reply reply) {
    fallback = reply;
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    synchronized (this) {
      requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
    }
    Reply reply = script.poll();
    if (reply == null) {
      reply = fallback;
    }
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] out = ("status " + reply.status()).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), reply.status() == 204 ? -1 : out.length);
    if (reply.status() != 204) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
