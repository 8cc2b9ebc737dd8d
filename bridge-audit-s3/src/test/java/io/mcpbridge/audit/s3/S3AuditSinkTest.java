package io.mcpbridge.audit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.testkit.AuditEvents;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Failure behaviour of the sink on a scripted S3 client (an empty bucket whose PUTs can be made to fail). */
class S3AuditSinkTest {
  private final AtomicInteger puts = new AtomicInteger();
  private final AtomicBoolean putsFail = new AtomicBoolean();
  private int failingStatus = 503;

  private S3Client scriptedClient() {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "putObject" -> {
            puts.incrementAndGet();
            if (putsFail.get()) {
              throw S3Exception.builder().statusCode(failingStatus).message("scripted failure").build();
            }
            yield PutObjectResponse.builder().build();
          }
          case "getObjectAsBytes" -> throw NoSuchKeyException.builder().statusCode(404).message("no such key").build();
          case "listObjectsV2" -> ListObjectsV2Response.builder().isTruncated(false).build();
          case "close" -> null;
          case "serviceName" -> "s3";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static S3AuditSettings settings() {
    return new S3AuditSettings(new S3Location("bucket", "audit-trail"), "us-east-1", Optional.of(URI.create("http://127.0.0.1:1")),
        AuditSettings.LockMode.COMPLIANCE, 1, Optional.empty(), 1000, Duration.ofHours(1), Optional.empty(), true,
        100, Duration.ofMillis(1), Clock.systemUTC());
  }

  @Test
  void givenPutsFailingWithServerErrors_append_isRetriedThenRefusedAndSinkTurnsUnhealthy() {
    try (S3AuditSink sink = S3AuditSink.open(settings(), scriptedClient(), 3, Duration.ofMillis(1))) {
      assertThat(sink.append(AuditEvents.toolEvent(Instant.now())).sequence()).isEqualTo(1);
      assertThat(sink.healthy()).isTrue();
      putsFail.set(true);
      int before = puts.get();

      assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(Instant.now())))
          .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("not persisted");
      assertThat(puts.get() - before).isEqualTo(3);
      assertThat(sink.healthy()).isFalse();
    }
  }

  @Test
  void givenPutsRefused_append_isNotRetried() {
    failingStatus = 403;
    try (S3AuditSink sink = S3AuditSink.open(settings(), scriptedClient(), 5, Duration.ofMillis(1))) {
      putsFail.set(true);
      int before = puts.get();

      assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(Instant.now()))).isInstanceOf(BackendUnavailableException.class);
      assertThat(puts.get() - before).isEqualTo(1);
      assertThat(sink.healthy()).isFalse();
    }
  }

  @Test
  void givenBucketThatCannotBeWritten_open_failsClearly() {
    putsFail.set(true);

    assertThatThrownBy(() -> S3AuditSink.open(settings(), scriptedClient(), 2, Duration.ofMillis(1)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("s3://bucket/audit-trail");
  }
}
