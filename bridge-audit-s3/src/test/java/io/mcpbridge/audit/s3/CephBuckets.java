package io.mcpbridge.audit.s3;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.testkit.CephRgw;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/** Buckets with Object Lock on the test's Ceph RGW, and settings for trails in them. */
final class CephBuckets {
  static final int LOCK_DAYS = 2;

  private CephBuckets() {}

  /** Makes the gateway's throwaway credentials visible to the SDK's default provider chain. */
  static void useGatewayCredentials() {
    CephRgw.Gateway g = CephRgw.running();
    System.setProperty("aws.accessKeyId", g.accessKey());
    System.setProperty("aws.secretAccessKey", g.secretKey());
  }

  static S3AuditSettings settings(String bucket, Clock clock, int checkpointEvery) {
    CephRgw.Gateway g = CephRgw.running();
    return new S3AuditSettings(new S3Location(bucket, "audit-trail"), g.region(), Optional.of(g.endpoint()),
        AuditSettings.LockMode.COMPLIANCE, LOCK_DAYS, Optional.empty(), checkpointEvery, Duration.ofHours(1),
        Optional.empty(), true, S3AuditSettings.DEFAULT_MAX_BATCH, S3AuditSettings.DEFAULT_MAX_BATCH_WAIT, clock);
  }

  /** A client like the sink's, for the test's own direct calls. */
  static S3Client client() {
    return S3Clients.create(settings("any", Clock.systemUTC(), 1));
  }

  /** A new bucket with Object Lock enabled (and so versioning). */
  static String create(S3Client s3) {
    String bucket = "audit-" + UUID.randomUUID().toString().substring(0, 13);
    s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
    return bucket;
  }
}
