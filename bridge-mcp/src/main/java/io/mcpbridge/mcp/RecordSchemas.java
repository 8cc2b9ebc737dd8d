package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.Description;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Schema (2020-12) of tool records, derived from the records themselves: components are
 * properties, {@code Optional} components are optional, everything else is required, and
 * {@link Description} annotations become descriptions. MCP tool schemas and OpenAPI share it.
 * Boxed {@code Double} components carry "undefined" as null, which {@link BridgeJson} omits from
 * output, so they are optional in the schema too: the schema describes exactly what is on the wire.
 */
public final class RecordSchemas {
  private final ObjectMapper json;

  public RecordSchemas(ObjectMapper json) {
    this.json = json;
  }

  /** The schema of a record type. */
  public ObjectNode of(Class<? extends Record> type) {
    return objectSchema(type, 0);
  }

  /** Names of the components a caller must send. */
  public static Set<String> requiredComponents(Class<? extends Record> type) {
    java.util.LinkedHashSet<String> required = new java.util.LinkedHashSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (!mayBeAbsent(c)) {
        required.add(c.getName());
      }
    }
    return required;
  }

  /** True for components that serialise to nothing when empty: Optional, and nullable boxed doubles. */
  private static boolean mayBeAbsent(RecordComponent c) {
    return c.getType() == Optional.class || c.getType() == Double.class;
  }

  private ObjectNode objectSchema(Class<?> type, int depth) {
    if (depth > 8) {
      throw new IllegalStateException("record nesting too deep at " + type.getName());
    }
    ObjectNode schema = json.createObjectNode();
    schema.put("type", "object");
    Description typeDoc = type.getAnnotation(Description.class);
    if (typeDoc != null) {
      schema.put("description", typeDoc.value());
    }
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = json.createArrayNode();
    for (RecordComponent c : type.getRecordComponents()) {
      Type generic = c.getGenericType();
      if (c.getType() == Optional.class) {
        generic = ((ParameterizedType) generic).getActualTypeArguments()[0];
      }
      if (!mayBeAbsent(c)) {
        required.add(c.getName());
      }
      ObjectNode property = schemaOf(generic, depth);
      Description doc = c.getAnnotation(Description.class);
      if (doc != null) {
        property.put("description", doc.value());
      }
      properties.set(c.getName(), property);
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private ObjectNode schemaOf(Type type, int depth) {
    ObjectNode s = json.createObjectNode();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (Collection.class.isAssignableFrom(raw)) {
        s.put("type", "array");
        s.set("items", schemaOf(p.getActualTypeArguments()[0], depth + 1));
        return s;
      }
      if (Map.class.isAssignableFrom(raw)) {
        s.put("type", "object");
        s.set("additionalProperties", schemaOf(p.getActualTypeArguments()[1], depth + 1));
        return s;
      }
      if (raw == Optional.class) {
        return schemaOf(p.getActualTypeArguments()[0], depth);
      }
      throw new IllegalArgumentException("unsupported generic type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      s.put("type", "string");
    } else if (c == boolean.class || c == Boolean.class) {
      s.put("type", "boolean");
    } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      s.put("type", "integer");
    } else if (c == double.class || c == float.class || c == Double.class) {
      // A boxed double's "undefined" (null) is omitted, never written as null: a single type is portable.
      s.put("type", "number");
    } else if (c == double[].class) {
      s.put("type", "array");
      s.putObject("items").put("type", "number");
    } else if (c == Instant.class) {
      s.put("type", "string");
      s.put("format", "date-time");
    } else if (c.isRecord()) {
      return objectSchema(c, depth + 1);
    } else if (c.isEnum()) {
      s.put("type", "string");
      ArrayNode values = s.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(constant.toString());
      }
    } else {
      throw new IllegalArgumentException("unsupported component type " + c.getName());
    }
    return s;
  }
}
