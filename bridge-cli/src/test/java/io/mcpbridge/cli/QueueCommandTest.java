package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bridge queue requeue} refuses ambiguous or misplaced arguments before reaching any broker. */
class QueueCommandTest {

  @Test
  void requeueNeedsExactlyOneOfAJobIdAndAll() {
    assertRefused("bridge queue requeue needs a job id or --all", "queue", "requeue");
    assertRefused("bridge queue requeue needs a job id or --all", "queue", "requeue", "0b5c3a4e-1111-4222-8333-444455556666", "--all");
  }

  @Test
  void aJobIdOrAllGoOnlyWithRequeue() {
    assertRefused("only go with 'bridge queue requeue'", "queue", "stats", "0b5c3a4e-1111-4222-8333-444455556666");
    assertRefused("only go with 'bridge queue requeue'", "queue", "drain", "--all");
  }

  private static void assertRefused(String message, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains(message);
    assertThat(out.toString()).isEmpty();
  }
}
