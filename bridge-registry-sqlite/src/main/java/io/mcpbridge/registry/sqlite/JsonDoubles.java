package io.mcpbridge.registry.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Doubles in JSON that round-trip exactly: finite values as JSON numbers (Java prints the
 * shortest decimal that parses back to the same double), NaN and infinities as strings.
 */
final class JsonDoubles {
  private JsonDoubles() {}

  static void put(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.put(field, Double.toString(value));
    }
  }

  static double get(JsonNode node, String field) {
    JsonNode v = node.required(field);
    return v.isTextual() ? Double.parseDouble(v.asText()) : v.doubleValue();
  }
}
