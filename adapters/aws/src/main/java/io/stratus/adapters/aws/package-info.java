/**
 * The Stratus provider SPIs on the AWS SDK for Java v2: prices ({@link io.stratus.adapters.aws.AwsPricingProvider}:
 * Price List {@code GetProducts} and EC2 {@code DescribeSpotPriceHistory}), the running fleet ({@link
 * io.stratus.adapters.aws.AwsInventoryProvider}: EC2 {@code DescribeInstances}), billing ({@link
 * io.stratus.adapters.aws.AwsBillingSource}: Cost Explorer {@code GetCostAndUsage}, or CUR / Data Exports files in
 * S3) and metrics ({@link io.stratus.adapters.aws.AwsMetricsSource}: CloudWatch {@code GetMetricData}). A host
 * configures them through {@link io.stratus.adapters.aws.AwsAdapter}; every remote call runs under the retry, circuit
 * breaker and rate limiter of {@link io.stratus.adapters.aws.AwsResilience}.
 */
@NullMarked
package io.stratus.adapters.aws;

import org.jspecify.annotations.NullMarked;
