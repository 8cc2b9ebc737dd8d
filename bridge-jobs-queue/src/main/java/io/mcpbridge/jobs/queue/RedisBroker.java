package io.mcpbridge.jobs.queue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Connections to the Redis broker: string keys, byte values. Commands fail fast while the broker
 * is unreachable (no silent buffering), and every driver failure is reported as
 * {@link BackendUnavailableException} without the URL (it may carry a password). Lettuce
 * reconnects in the background with backoff. Thread-safe.
 */
final class RedisBroker implements AutoCloseable {
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> shared;
  final QueueKeys keys;

  private RedisBroker(RedisClient client, StatefulRedisConnection<String, byte[]> shared, QueueKeys keys) {
    this.client = client;
    this.shared = shared;
    this.keys = keys;
  }

  /**
   * Connects and makes sure both streams and their consumer groups exist.
   *
   * @throws BackendUnavailableException if the broker cannot be reached
   */
  static RedisBroker connect(QueueSettings settings) {
    RedisURI uri;
    try {
      uri = RedisURI.create(settings.brokerUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("JOB_BROKER_URL is not a valid Redis URL");
    }
    uri.setTimeout(settings.commandTimeout());
    RedisClient client = RedisClient.create(uri);
    ClientOptions.Builder options = ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .autoReconnect(true)
        .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
    settings.tlsCaFile().ifPresent(ca -> options.sslOptions(SslOptions.builder().jdkSslProvider()
        .trustManager(ca.toFile()).build()));
    client.setOptions(options.build());
    try {
      StatefulRedisConnection<String, byte[]> shared = client.connect(CODEC);
      RedisBroker broker = new RedisBroker(client, shared, new QueueKeys(settings.prefix()));
      broker.ensureGroup(broker.keys.jobs(), QueueKeys.WORKERS_GROUP);
      broker.ensureGroup(broker.keys.reports(), QueueKeys.API_GROUP);
      return broker;
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      if (tlsRefused(e)) {
        throw new BackendUnavailableException("cannot connect to the Redis broker: its TLS certificate was not "
            + "accepted (not signed by the CA in " + settings.tlsCaFile().map(ca -> "JOB_BROKER_TLS_CA_FILE")
                .orElse("the JDK trust store; set JOB_BROKER_TLS_CA_FILE") + ", or not issued for the broker's host)", e);
      }
      throw unavailable("cannot connect to the Redis broker", e);
    }
  }

  /** True if the connection failed in the TLS handshake (the broker's certificate was refused). */
  private static boolean tlsRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** Runs commands on the shared connection (non-blocking commands only). */
  <T> T call(String what, Function<RedisCommands<String, byte[]>, T> commands) {
    try {
      return commands.apply(shared.sync());
    } catch (RedisException e) {
      throw unavailable(what, e);
    }
  }

  /** A dedicated connection, for blocking reads that must not stall the shared one. */
  StatefulRedisConnection<String, byte[]> dedicated() {
    try {
      return client.connect(CODEC);
    } catch (RedisException e) {
      throw unavailable("cannot connect to the Redis broker", e);
    }
  }

  /** True if the broker answers a PING now. */
  boolean reachable() {
    try {
      return "PONG".equals(shared.sync().ping());
    } catch (RedisException e) {
      return false;
    }
  }

  void ensureGroup(String stream, String group) {
    try {
      shared.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), group, XGroupCreateArgs.Builder.mkstream());
    } catch (RedisCommandExecutionException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  static BackendUnavailableException unavailable(String what, RuntimeException e) {
    return new BackendUnavailableException(what + ": the job broker is unavailable (" + e.getClass().getSimpleName() + ")", e);
  }

  @Override
  public void close() {
    shared.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
