package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobReports;
import io.mcpbridge.core.port.RemoteJobHandler;
import io.mcpbridge.testkit.BrokerContract;
import io.mcpbridge.testkit.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The broker contract on the machine's RabbitMQ (127.0.0.1:5672, guest/guest), each test under
 * its own prefix, every queue and exchange deleted afterwards; the API side connects through a
 * fault proxy.
 */
class RabbitBrokerContractIT extends BrokerContract {

  @Override
  protected CoreServices services() {
    return new ContractServices();
  }

  @Override
  protected Broker broker() throws Exception {
    return new RabbitUnderTest(LocalRabbit.freshPrefix(), FaultProxy.start("127.0.0.1", LocalRabbit.PORT));
  }

  private static final class RabbitUnderTest implements Broker {
    private final String prefix;
    private final FaultProxy proxy;
    private final QueueSettings direct;

    RabbitUnderTest(String prefix, FaultProxy proxy) {
      this.prefix = prefix;
      this.proxy = proxy;
      this.direct = LocalRabbit.settings(LocalRabbit.URL, prefix);
    }

    @Override
    public ApiSide api(JobMessageSource messages, Clock clock) {
      RabbitJobBackend backend = RabbitJobBackend.connect(
          LocalRabbit.settings("amqp://guest:guest@127.0.0.1:" + proxy.port(), prefix), messages, clock);
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
      RabbitWorker worker = RabbitWorker.start(direct, handler, clock, workerId, concurrency);
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
      ConnectionFactory factory = new ConnectionFactory();
      try {
        factory.setUri(LocalRabbit.URL);
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
          ch.basicPublish("", new RabbitTopology(prefix).jobs(), new AMQP.BasicProperties.Builder().deliveryMode(2)
              .build(), JobMessageCodec.encode(message).getBytes(StandardCharsets.UTF_8));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public List<String> deadLetterJobIds() {
      try (RabbitQueueAdmin admin = RabbitQueueAdmin.connect(direct, Clock.systemUTC())) {
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
      LocalRabbit.deleteAll(prefix);
    }
  }
}
