package io.mcpbridge.mcp;

import io.mcpbridge.core.model.Sha256;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeSet;

/** Key-sorted JSON text and SHA-256 digests, so equal arguments hash equally whatever their order. */
final class CanonicalJson {
  private final ObjectMapper json;

  CanonicalJson(ObjectMapper json) {
    this.json = json;
  }

  /** The value with every object's keys sorted, as compact text. */
  String text(JsonNode value) {
    try {
      return json.writeValueAsString(sorted(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private JsonNode sorted(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return json.createObjectNode();
    }
    if (value.isObject()) {
      ObjectNode out = json.createObjectNode();
      TreeSet<String> names = new TreeSet<>();
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      for (String n : names) {
        out.set(n, sorted(value.get(n)));
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = json.createArrayNode();
      value.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return value;
  }

  static String sha256(String text) {
    return Sha256.hex(text);
  }


  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
