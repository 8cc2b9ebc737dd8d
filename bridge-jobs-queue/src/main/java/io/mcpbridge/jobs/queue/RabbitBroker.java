package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.RecoveryDelayHandler;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One connection to the RabbitMQ broker, with the deployment's topology declared. The client
 * recovers the connection, its channels, the declared queues and the consumers by itself, with
 * backoff from 100 ms to 5 s; while it is down every operation fails fast with
 * {@link BackendUnavailableException}, never naming the URL (it may carry a password).
 * {@code amqps://} brokers are verified against the CA file (or the JDK's trust store) including
 * the host name. Thread-safe.
 */
final class RabbitBroker implements AutoCloseable {
  private static final List<Long> RECOVERY_BACKOFF_MS = List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L);
  private static final int CONFIRM_CHANNELS = 4;

  final RabbitTopology topology;
  private final Connection connection;
  private final Duration timeout;
  private final BlockingQueue<Channel> confirmChannels = new ArrayBlockingQueue<>(CONFIRM_CHANNELS);
  /**
   * The client re-declares queues, exchanges and bindings after a reconnection on the channel they
   * were first declared on, so they are declared on this channel, which stays open.
   */
  private Channel topologyChannel;

  private RabbitBroker(Connection connection, RabbitTopology topology, Duration timeout) {
    this.connection = connection;
    this.topology = topology;
    this.timeout = timeout;
  }

  /**
   * Connects as {@code name} (shown in the broker's connection list) and declares the topology.
   *
   * @throws BackendUnavailableException if the broker cannot be reached
   */
  static RabbitBroker connect(QueueSettings settings, String name) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.brokerUrl());
    } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("JOB_BROKER_URL is not a valid AMQP URL");
    }
    if (settings.brokerUrl().startsWith("amqps://")) {
      factory.useSslProtocol(sslContext(settings));
      factory.enableHostnameVerification();
    }
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.commandTimeout().toMillis());
    factory.setConnectionTimeout(timeoutMs);
    factory.setHandshakeTimeout(timeoutMs);
    factory.setChannelRpcTimeout(timeoutMs);
    factory.setShutdownTimeout(timeoutMs);
    // Heartbeats detect a silent peer (a partition, a frozen process) within about a lease.
    factory.setRequestedHeartbeat((int) Math.max(2, settings.lease().toSeconds() / 3));
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setRecoveryDelayHandler(new RecoveryDelayHandler.ExponentialBackoffDelayHandler(RECOVERY_BACKOFF_MS));
    RabbitTopology topology = new RabbitTopology(settings.prefix());
    factory.setTopologyRecoveryFilter(new TopologyRecoveryFilter() {
      @Override
      public boolean filterQueue(RecordedQueue queue) {
        return !queue.getName().equals(topology.epoch()); // its absence after recovery is the signal
      }
    });
    Connection connection;
    try {
      connection = factory.newConnection(name);
    } catch (IOException | TimeoutException e) {
      throw unavailable("cannot connect to the RabbitMQ broker", e);
    }
    RabbitBroker broker = new RabbitBroker(connection, topology, settings.commandTimeout());
    try {
      broker.declareTopology();
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  private static SSLContext sslContext(QueueSettings settings) {
    try {
      if (settings.tlsCaFile().isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      Path ca = settings.tlsCaFile().get();
      try (InputStream in = Files.newInputStream(ca)) {
        int i = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + i++, cert);
        }
        if (i == 0) {
          throw new IllegalArgumentException("JOB_BROKER_TLS_CA_FILE holds no certificate");
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("JOB_BROKER_TLS_CA_FILE cannot be read as PEM certificates: "
          + e.getClass().getSimpleName());
    }
  }

  private void declareTopology() {
    topologyChannel = channel();
    declare("declare the queues", ch -> {
      ch.queueDeclare(topology.jobs(), true, false, false, topology.jobsArguments());
      ch.queueDeclare(topology.reports(), true, false, false, RabbitTopology.quorum());
      ch.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
      ch.queueDeclare(topology.dead(), true, false, false, null);
      ch.queueBind(topology.dead(), topology.deadLetterExchange(), "");
      ch.queueDeclare(topology.control(), true, false, false, RabbitTopology.controlArguments());
      ch.exchangeDeclare(topology.heartbeats(), BuiltinExchangeType.FANOUT, false);
      return null;
    });
  }

  /**
   * Declares on the long-lived topology channel, so that the client declares it again after a
   * reconnection (a broker that lost its data gets the queues back).
   */
  synchronized <T> T declare(String what, ChannelWork<T> work) {
    try {
      if (!topologyChannel.isOpen()) {
        topologyChannel = channel(); // a refused declaration closed it
      }
      return work.apply(topologyChannel);
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      throw unavailable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(what, e);
    }
  }

  /** Work on a channel of its own, closed afterwards. */
  interface ChannelWork<T> {
    T apply(Channel channel) throws IOException, TimeoutException, InterruptedException;
  }

  /** Runs {@code work} on a fresh channel (a failed command closes a channel, so none is shared here). */
  <T> T call(String what, ChannelWork<T> work) {
    Channel channel = null;
    try {
      channel = connection.createChannel();
      if (channel == null) {
        throw new BackendUnavailableException(what + ": the job broker has no free channel");
      }
      return work.apply(channel);
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      throw unavailable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(what, e);
    } finally {
      closeQuietly(channel);
    }
  }

  /**
   * Publishes on a channel in confirm mode and returns only after the broker confirmed every
   * message {@code work} published (the broker wrote it to its durable queue).
   *
   * @throws BackendUnavailableException if the broker is down, refused the message, or did not confirm in time
   */
  void publishConfirmed(String what, ChannelWork<Void> work) {
    Channel channel = confirmChannels.poll();
    boolean healthy = false;
    try {
      if (channel == null || !channel.isOpen()) {
        closeQuietly(channel);
        channel = connection.createChannel();
        channel.confirmSelect();
      }
      work.apply(channel);
      channel.waitForConfirmsOrDie(timeout.toMillis());
      healthy = true;
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      throw unavailable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(what, e);
    } finally {
      if (healthy && confirmChannels.offer(channel)) {
        channel = null;
      }
      closeQuietly(channel);
    }
  }

  /** Opens a long-lived channel (consumers); the client recovers it with the connection. */
  Channel channel() {
    try {
      Channel channel = connection.createChannel();
      if (channel == null) {
        throw new BackendUnavailableException("the job broker has no free channel");
      }
      return channel;
    } catch (IOException | ShutdownSignalException e) {
      throw unavailable("open a channel", e);
    }
  }

  /** True if the connection is open and the broker answers a passive declare of the jobs queue. */
  boolean reachable() {
    if (!connection.isOpen()) {
      return false;
    }
    try {
      call("ping", ch -> ch.queueDeclarePassive(topology.jobs()));
      return true;
    } catch (BackendUnavailableException e) {
      return false;
    }
  }

  /** Messages ready in {@code queue}, or -1 if it does not exist. */
  long depth(String queue) {
    try {
      return call("read depth of a queue", ch -> ch.queueDeclarePassive(queue).getMessageCount());
    } catch (BackendUnavailableException e) {
      if (isNotFound(e)) {
        return -1;
      }
      throw e;
    }
  }

  Connection connection() {
    return connection;
  }

  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s && !s.isHardError() && s.getReason() != null
          && s.getReason().toString().contains("404")) {
        return true;
      }
    }
    return false;
  }

  static BackendUnavailableException unavailable(String what, Exception e) {
    return new BackendUnavailableException(what + ": the job broker is unavailable (" + e.getClass().getSimpleName() + ")", e);
  }

  static void closeQuietly(Channel channel) {
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException | TimeoutException | ShutdownSignalException e) {
        // closing after a failure: nothing left to do
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(topologyChannel);
    Channel c;
    while ((c = confirmChannels.poll()) != null) {
      closeQuietly(c);
    }
    try {
      connection.close((int) timeout.toMillis());
    } catch (IOException | ShutdownSignalException e) {
      // already gone
    }
  }
}
