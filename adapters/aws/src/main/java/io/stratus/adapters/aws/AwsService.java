package io.stratus.adapters.aws;

import org.apiguardian.api.API;

/**
 * The AWS APIs the adapter calls, each with its own endpoint, circuit breaker and rate limiter. The default rates are
 * the documented quotas: Price List Query API {@code GetProducts} a token bucket of 10 refilled at 5 per second; EC2
 * non-mutating {@code Describe*} actions a bucket of 100 refilled at 20 per second; CloudWatch {@code GetMetricData}
 * 50 transactions per second; S3 5,500 {@code GET} requests per second per prefix. Cost Explorer publishes no
 * per-operation rate (each request is billed), so 5 per second is a conservative default.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AwsService {
  /** AWS Price List Query API (served from us-east-1, eu-central-1 and ap-south-1). */
  PRICING("pricing", 5),
  /** Amazon EC2 ({@code DescribeInstances}, {@code DescribeSpotPriceHistory}). */
  EC2("ec2", 20),
  /** AWS Cost Explorer (served from us-east-1). */
  COST_EXPLORER("ce", 5),
  /** Amazon CloudWatch ({@code GetMetricData}). */
  CLOUDWATCH("monitoring", 50),
  /** Amazon S3 ({@code ListObjectsV2}, {@code GetObject}) for CUR and Data Exports files. */
  S3("s3", 5500);

  private final String endpointPrefix;
  private final int documentedRatePerSecond;

  AwsService(String endpointPrefix, int documentedRatePerSecond) {
    this.endpointPrefix = endpointPrefix;
    this.documentedRatePerSecond = documentedRatePerSecond;
  }

  /**
   * The service's endpoint prefix, e.g. {@code ec2}, used in meter tags and circuit breaker names.
   *
   * @return the prefix; never null
   */
  public String endpointPrefix() {
    return endpointPrefix;
  }

  /**
   * The sustained request rate the service documents (see the type documentation).
   *
   * @return requests per second, {@code > 0}
   */
  public int documentedRatePerSecond() {
    return documentedRatePerSecond;
  }
}
