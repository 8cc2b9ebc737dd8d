package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
  @Test
  void givenEventWithArgumentsMdcAndException_encode_writesOneParsableLine() throws Exception {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", context.getLogger("io.mcpbridge.Test"), Level.WARN,
        "job {} failed after {} s", new IllegalStateException("boom"), new Object[] {"j-1", 3});
    event.setMDCPropertyMap(Map.of("correlationId", "c-42", "principal", "alice"));
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n").doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("job j-1 failed after 3 s");
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("io.mcpbridge.Test");
    assertThat(json.get("correlationId").asText()).isEqualTo("c-42");
    assertThat(json.get("principal").asText()).isEqualTo("alice");
    assertThat(json.get("exception").asText()).contains("IllegalStateException: boom");
    assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}
