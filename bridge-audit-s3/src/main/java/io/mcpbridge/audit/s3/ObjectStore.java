package io.mcpbridge.audit.s3;

import io.mcpbridge.core.config.AuditSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The S3 calls of a trail, with keys relative to the trail's prefix. Every write carries the Object
 * Lock mode and a retain-until date of now + lock days (and SSE-KMS when configured), and is retried
 * with exponential backoff on errors S3 calls retryable (throttling, 5xx, broken connections). The
 * SDK's own retries are off, so one policy decides.
 */
final class ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

  private final S3Client s3;
  private final S3Location location;
  private final ObjectLockMode lockMode;
  private final Duration retention;
  private final Optional<String> kmsKeyId;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration firstBackoff;

  ObjectStore(S3Client s3, S3Location location, AuditSettings.LockMode lockMode, int lockDays,
      Optional<String> kmsKeyId, Clock clock, int maxAttempts, Duration firstBackoff) {
    this.s3 = s3;
    this.location = location;
    this.lockMode = ObjectLockMode.fromValue(lockMode.name());
    this.retention = Duration.ofDays(lockDays);
    this.kmsKeyId = kmsKeyId;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  S3Location location() {
    return location;
  }

  /** An object as read back, with its lock as the server reports it. */
  record Stored(String key, byte[] body, Optional<String> lockMode, Optional<Instant> retainUntil,
      Optional<Instant> lastModified, Optional<String> versionId) {}

  /** One version (or delete marker) of a key. */
  record Version(String key, String versionId, boolean latest, boolean deleteMarker, String etag) {}

  /** Writes a locked object. */
  void putLocked(String relativeKey, byte[] body, String contentType) {
    // Whole seconds, rounded up: servers store the date at second precision, never shorten it.
    Instant retainUntil = clock.instant().plus(retention).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(location.bucket())
        .key(location.key(relativeKey))
        .contentType(contentType)
        .objectLockMode(lockMode)
        .objectLockRetainUntilDate(retainUntil);
    kmsKeyId.ifPresent(id -> request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(id));
    PutObjectRequest put = request.build();
    withRetries("PUT " + relativeKey, () -> s3.putObject(put, RequestBody.fromBytes(body)));
  }

  /** Reads the newest version of an object, empty if there is none. */
  Optional<Stored> get(String relativeKey) {
    try {
      ResponseBytes<GetObjectResponse> bytes = withRetries("GET " + relativeKey,
          () -> s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key(relativeKey))));
      GetObjectResponse r = bytes.response();
      return Optional.of(new Stored(relativeKey, bytes.asByteArray(),
          Optional.ofNullable(r.objectLockModeAsString()), Optional.ofNullable(r.objectLockRetainUntilDate()),
          Optional.ofNullable(r.lastModified()), Optional.ofNullable(r.versionId())));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** The next level of "folders" below a relative prefix ending in '/', in key order. */
  List<String> childPrefixes(String relativePrefix) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListObjectsV2Response page = withRetries("LIST " + relativePrefix, () -> s3.listObjectsV2(ListObjectsV2Request.builder()
          .bucket(location.bucket()).prefix(location.key(relativePrefix)).delimiter("/").continuationToken(t).build()));
      for (CommonPrefix p : page.commonPrefixes()) {
        out.add(location.relative(p.prefix()));
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  /**
   * Keys below a relative prefix in key order, starting after a key (exclusive) and at most
   * {@code limit} of them (all when negative).
   */
  List<String> keys(String relativePrefix, Optional<String> startAfter, int limit) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(location.bucket())
          .prefix(location.key(relativePrefix)).continuationToken(token);
      startAfter.ifPresent(k -> b.startAfter(location.key(k)));
      if (limit >= 0) {
        b.maxKeys(Math.min(1000, Math.max(1, limit - out.size())));
      }
      ListObjectsV2Request request = b.build();
      ListObjectsV2Response page = withRetries("LIST " + relativePrefix, () -> s3.listObjectsV2(request));
      for (S3Object o : page.contents()) {
        out.add(location.relative(o.key()));
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null && (limit < 0 || out.size() < limit));
    return limit >= 0 && out.size() > limit ? out.subList(0, limit) : out;
  }

  /** Every version and delete marker below a relative prefix, by key, newest version first. */
  List<Version> versions(String relativePrefix) {
    List<Version> out = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    do {
      ListObjectVersionsRequest request = ListObjectVersionsRequest.builder().bucket(location.bucket())
          .prefix(location.key(relativePrefix)).keyMarker(keyMarker).versionIdMarker(versionMarker).build();
      ListObjectVersionsResponse page = withRetries("LIST versions " + relativePrefix, () -> s3.listObjectVersions(request));
      page.versions().forEach(v -> out.add(new Version(location.relative(v.key()), v.versionId(),
          Boolean.TRUE.equals(v.isLatest()), false, v.eTag())));
      page.deleteMarkers().forEach(m -> out.add(new Version(location.relative(m.key()), m.versionId(),
          Boolean.TRUE.equals(m.isLatest()), true, "")));
      boolean more = Boolean.TRUE.equals(page.isTruncated());
      keyMarker = more ? page.nextKeyMarker() : null;
      versionMarker = more ? page.nextVersionIdMarker() : null;
    } while (keyMarker != null);
    return out;
  }

  private <T> T withRetries(String what, java.util.function.Supplier<T> call) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        if (attempt >= maxAttempts || !retryable(e)) {
          throw e;
        }
        long sleep = backoff.toMillis() + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
        LOG.warn("S3 audit trail {}: {} failed (attempt {} of {}), retrying in {} ms: {}", location, what, attempt,
            maxAttempts, sleep, e.getClass().getSimpleName());
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  /** Throttling, server errors and broken connections are worth another try; refusals are not. */
  static boolean retryable(SdkException e) {
    if (e instanceof S3Exception s3e) {
      int status = s3e.statusCode();
      return status >= 500 || status == 429 || status == 408;
    }
    return e instanceof SdkClientException || e.retryable();
  }
}
