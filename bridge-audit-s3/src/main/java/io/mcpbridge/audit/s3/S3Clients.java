package io.mcpbridge.audit.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client of a trail: credentials from the SDK's default provider chain (environment,
 * profile, container or instance role; never from our configuration), the JDK's HTTP client,
 * path-style addressing when an endpoint is given, no SDK retries (see {@link ObjectStore}).
 */
final class S3Clients {
  private S3Clients() {}

  static S3Client create(S3AuditSettings settings) {
    var builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        // Streaming (aws-chunked) uploads with trailing checksums are refused by some S3-compatible
        // servers (Ceph RGW 16: XAmzContentSHA256Mismatch). Off, the checksum goes in a header,
        // which AWS requires for Object Lock writes anyway.
        .serviceConfiguration(S3Configuration.builder()
            .chunkedEncodingEnabled(false)
            .pathStyleAccessEnabled(settings.endpoint().isPresent())
            .build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
