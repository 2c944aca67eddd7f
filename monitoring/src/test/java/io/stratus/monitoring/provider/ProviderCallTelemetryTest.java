package io.stratus.monitoring.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.monitoring.provider.ProviderCallTelemetry.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProviderCallTelemetryTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double requests(String api, String outcome) {
    return registry.get(ProviderCallTelemetry.REQUESTS).tags("provider", "aws", "api", api, "outcome", outcome)
        .counter().count();
  }

  @Test
  void call_countsEveryAttemptByOutcome_timesOnlySentOnes_andTracesOneSpan() {
    ProviderCallTelemetry t = ProviderCallTelemetry.create("aws", registry, OTEL.getOpenTelemetry());

    ProviderCallTelemetry.Call call = t.start("ec2", "eu-west-1", "DescribeInstances");
    assertThat(Span.current().getSpanContext().isValid()).as("the call's span is current").isTrue();
    call.attempt(Outcome.THROTTLED, Duration.ofMillis(20));
    call.attempt(Outcome.SUCCESS, Duration.ofMillis(30));
    call.succeeded();
    call.failed(new IllegalStateException("ignored: already ended"));

    assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed").isFalse();
    assertThat(requests("ec2", "throttled")).isEqualTo(1);
    assertThat(requests("ec2", "success")).isEqualTo(1);
    assertThat(requests("ec2", "server_error")).as("every outcome registered up front").isZero();
    assertThat(registry.get(ProviderCallTelemetry.LATENCY).tags("provider", "aws", "api", "ec2").timer().count())
        .isEqualTo(2);
    SpanData span = OTEL.getSpans().get(0);
    assertThat(OTEL.getSpans()).hasSize(1);
    assertThat(span.getName()).isEqualTo("stratus.provider.request");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("io.stratus.provider.aws");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider"))).isEqualTo("aws");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider.api"))).isEqualTo("ec2");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider.operation")))
        .isEqualTo("DescribeInstances");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("eu-west-1");
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.provider.attempts"))).isEqualTo(2);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("success");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void refusedCall_isCountedNotTimed_andMarksTheSpanFailed() {
    ProviderCallTelemetry t = ProviderCallTelemetry.create("aws", registry, OTEL.getOpenTelemetry());

    ProviderCallTelemetry.Call call = t.start("pricing", "global", "GetProducts");
    call.refused(Outcome.CIRCUIT_OPEN);
    call.failed(new IllegalStateException("circuit open"));

    assertThat(requests("pricing", "circuit_open")).isEqualTo(1);
    assertThat(registry.get(ProviderCallTelemetry.LATENCY).tags("api", "pricing").timer().count()).isZero();
    SpanData span = OTEL.getSpans().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("circuit_open");
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.provider.attempts"))).isZero();
    assertThat(span.getEvents()).extracting(e -> e.getName()).contains("exception");
  }

  @Test
  void call_endsTheSpanEitherWay_andRethrowsTheFailureAsItIs() {
    ProviderCallTelemetry t = ProviderCallTelemetry.create("gcp", registry, OTEL.getOpenTelemetry());
    Integer answer = t.call("catalog", "global", "listSkus", c -> {
      c.attempt(Outcome.SUCCESS, Duration.ZERO);
      return 42;
    });
    assertThat(answer).isEqualTo(42);
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> t.call("catalog", "global", "listSkus", c -> {
      c.attempt(Outcome.SERVER_ERROR, Duration.ZERO);
      throw boom;
    })).isSameAs(boom);
    assertThat(OTEL.getSpans()).extracting(s -> s.getStatus().getStatusCode())
        .containsExactly(StatusCode.UNSET, StatusCode.ERROR);
    assertThat(OTEL.getSpans().get(1).getAttributes().get(AttributeKey.stringKey("stratus.outcome")))
        .isEqualTo("server_error");
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void refused_withAnOutcomeThatWasSent_isRejected() {
    ProviderCallTelemetry.Call call =
        ProviderCallTelemetry.create("gcp", null, OpenTelemetry.noop()).start("catalog", "global", "listSkus");
    assertThatIllegalArgumentException().isThrownBy(() -> call.refused(Outcome.THROTTLED))
        .withMessageContaining("CIRCUIT_OPEN or RATE_LIMITED").withMessageContaining("THROTTLED");
    call.succeeded();
  }

  @Test
  void withoutARegistry_nothingIsRegistered() {
    ProviderCallTelemetry t = ProviderCallTelemetry.create("azure", null, OTEL.getOpenTelemetry());
    ProviderCallTelemetry.Call call = t.start("compute", "global", "virtualMachines.list");
    call.attempt(Outcome.SUCCESS, Duration.ofMillis(5));
    call.succeeded();
    assertThat(registry.getMeters()).isEmpty();
    assertThat(OTEL.getSpans()).hasSize(1);
  }

  @Test
  void blankProvider_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> ProviderCallTelemetry.create(" ", null,
        OpenTelemetry.noop())).withMessageContaining("provider must not be blank");
  }

  @Test
  void outcomeTags_areTheLowerCaseNames() {
    assertThat(Outcome.SERVER_ERROR.tag()).isEqualTo("server_error");
    assertThat(Outcome.RATE_LIMITED.tag()).isEqualTo("rate_limited");
  }
}
