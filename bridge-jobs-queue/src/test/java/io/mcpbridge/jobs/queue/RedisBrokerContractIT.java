package io.mcpbridge.jobs.queue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobReports;
import io.mcpbridge.core.port.RemoteJobHandler;
import io.mcpbridge.testkit.BrokerContract;
import io.mcpbridge.testkit.FaultProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker contract on the machine's Redis (127.0.0.1:6379), each test under its own key
 * prefix, deleted afterwards; the API side connects through a fault proxy.
 */
class RedisBrokerContractIT extends BrokerContract {

  @Override
  protected CoreServices services() {
    return new ContractServices();
  }

  @Override
  protected Broker broker() throws Exception {
    return new RedisUnderTest(LocalRedis.freshPrefix(), FaultProxy.start("127.0.0.1", 6379));
  }

  private static final class RedisUnderTest implements Broker {
    private final String prefix;
    private final FaultProxy proxy;
    private final QueueSettings direct;

    RedisUnderTest(String prefix, FaultProxy proxy) {
      this.prefix = prefix;
      this.proxy = proxy;
      this.direct = LocalRedis.settings(prefix);
    }

    @Override
    public ApiSide api(JobMessageSource messages, Clock clock) {
      QueueSettings proxied = new QueueSettings("redis://127.0.0.1:" + proxy.port(), Optional.empty(), prefix,
          direct.lease(), direct.pollInterval(), direct.maxDeliveries(), direct.shutdownGrace(), direct.commandTimeout());
      RedisJobBackend backend = RedisJobBackend.connect(proxied, messages, clock, "api");
      return new ApiSide() {
        @Override
        public JobBackend backend() {
          return backend;
        }

        @Override
        public BrokerJobState state() {
          return backend;
        }

        @Override
        public void recordReports(JobReports reports) {
          backend.recordReports(reports);
        }

        @Override
        public void close() {
          backend.close();
        }
      };
    }

    @Override
    public WorkerProcess worker(RemoteJobHandler handler, Clock clock, String workerId, int concurrency) {
      RedisWorker worker = RedisWorker.start(direct, handler, clock, workerId, concurrency);
      return new WorkerProcess() {
        @Override
        public void kill() {
          worker.abandon();
        }

        @Override
        public void close() {
          worker.close();
        }
      };
    }

    @Override
    public void publishRaw(JobMessage message) {
      RedisClient client = RedisClient.create(LocalRedis.URL);
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        c.sync().xadd(new QueueKeys(prefix).jobs(), Map.of("job", JobMessageCodec.encode(message)));
      } finally {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      }
    }

    @Override
    public List<String> deadLetterJobIds() {
      try (RedisQueueAdmin admin = RedisQueueAdmin.connect(direct, Clock.systemUTC())) {
        return admin.deadLetters(100).stream().map(QueueAdmin.DeadLetter::jobId).flatMap(Optional::stream).toList();
      }
    }

    @Override
    public void reachable(boolean reachable) {
      if (reachable) {
        proxy.restore();
      } else {
        proxy.cut();
      }
    }

    @Override
    public void close() {
      proxy.close();
      LocalRedis.deleteAll(prefix);
    }
  }
}
