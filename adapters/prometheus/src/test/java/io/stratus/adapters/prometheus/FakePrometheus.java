package io.stratus.adapters.prometheus;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A WireMock server whose {@code query_range} answers are computed from the request like Prometheus's: a matrix of
 * two series ({@code instance} a and b) with a point at every step between {@code start} and {@code end}, inclusive,
 * for data from {@link #DATA_FROM_SECONDS} on. The value is a pure function of the series and the instant, so the
 * same window always gets the same answer.
 */
final class FakePrometheus {
  static final long DATA_FROM_SECONDS = 1_700_000_000L;

  private FakePrometheus() {}

  static WireMockServer start() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Matrix()));
    server.start();
    return server;
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Computes the matrix for every request to {@code /api/v1/query_range} stubbed with transformer "matrix". */
  static final class Matrix implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      Map<String, String> f = form(serveEvent.getRequest().getBodyAsString());
      BigDecimal start = new BigDecimal(f.get("start"));
      BigDecimal end = new BigDecimal(f.get("end"));
      BigDecimal step = new BigDecimal(f.get("step"));
      StringBuilder json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
      String[] instances = {"a:9100", "b:9100"};
      for (int s = 0; s < instances.length; s++) {
        json.append(s == 0 ? "" : ",").append("{\"metric\":{\"__name__\":\"http_requests_total\",\"job\":\"api\","
            + "\"instance\":\"").append(instances[s]).append("\"},\"values\":[");
        boolean first = true;
        for (BigDecimal t = start; t.compareTo(end) <= 0; t = t.add(step)) {
          if (t.compareTo(BigDecimal.valueOf(DATA_FROM_SECONDS)) < 0) {
            continue;
          }
          long value = t.longValue() * (s + 1) / 10;
          json.append(first ? "" : ",").append('[').append(t.stripTrailingZeros().toPlainString()).append(",\"")
              .append(value).append("\"]");
          first = false;
        }
        json.append("]}");
      }
      json.append("]}}");
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(json.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return "matrix";
    }
  }
}
