package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.pk.PkReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The derived schemas describe what the bridge's JSON really contains (clients validate against them). */
class RecordSchemasTest {
  private final ObjectMapper json = BridgeJson.mapper();
  private final RecordSchemas schemas = new RecordSchemas(json);

  @Test
  void undefinedPkValue_isOmittedOnTheWire_andTheSchemaDoesNotRequireIt() {
    JsonNode schema = schemas.of(PkParameterValue.class);
    JsonNode undefined = json.valueToTree(new PkParameterValue("CL", null, "l/min", Optional.of(PkReason.TOO_FEW_POINTS)));

    List<String> missing = new ArrayList<>();
    schema.path("required").forEach(r -> {
      if (!undefined.has(r.asText())) {
        missing.add(r.asText());
      }
    });

    assertThat(undefined.has("value")).isFalse();
    assertThat(missing).as("required by the schema but absent from %s", undefined).isEmpty();
    assertThat(schema.path("required").toString()).contains("name").contains("unit");
  }

  @Test
  void definedPkValue_isANumber() {
    JsonNode schema = schemas.of(PkParameterValue.class);

    // One type, not ["number","null"]: portable to single-type dialects, and null never appears.
    assertThat(schema.path("properties").path("value").path("type").asText()).isEqualTo("number");
    assertThat(json.valueToTree(new PkParameterValue("C_max", 5.0, "µmol/l", Optional.empty())).path("value").asDouble())
        .isEqualTo(5.0);
  }
}
