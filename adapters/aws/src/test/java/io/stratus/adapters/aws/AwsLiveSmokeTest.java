package io.stratus.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.model.Offer;
import io.stratus.spi.OfferQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads real prices from AWS when credentials are in the environment ({@code AWS_ACCESS_KEY_ID} or {@code
 * AWS_PROFILE}); skipped otherwise. Needs {@code pricing:GetProducts} and {@code ec2:DescribeSpotPriceHistory}.
 */
class AwsLiveSmokeTest {
  @Test
  void pricing_live_readsM5LargeInUsEast1() {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null,
        "live AWS smoke test skipped: no AWS credentials in the environment (set AWS_ACCESS_KEY_ID/"
            + "AWS_SECRET_ACCESS_KEY or AWS_PROFILE to run it)");
    try (AwsAdapter aws = AwsAdapter.builder().region("us-east-1").instanceTypes(List.of("m5.large")).build()) {
      List<Offer> offers = aws.pricingProvider().offers(OfferQuery.all());
      assertThat(offers).extracting(o -> o.instanceType().name()).contains("m5.large");
    }
  }
}
