package io.mcpbridge.audit.local;

import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.testkit.AuditEvents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Child process of {@link LocalAuditCrashIT}: appends from several threads until killed, printing
 * {@code ack <sequence>} for every acknowledged event.
 */
public final class CrashingAppenderMain {
  private CrashingAppenderMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    LocalFileAuditSink sink = LocalFileAuditSink.open(
        new LocalAuditSettings(dir, 50, Duration.ofSeconds(1), Optional.empty(), true, Clock.systemUTC()));
    PrintStream out = System.out;
    out.println("ready");
    out.flush();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (true) {
          AuditRecord record = sink.append(AuditEvents.toolEvent(Instant.now()));
          synchronized (out) {
            out.println("ack " + record.sequence());
            out.flush();
          }
        }
      });
      worker.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
