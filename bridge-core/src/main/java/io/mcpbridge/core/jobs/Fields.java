package io.mcpbridge.core.jobs;

import java.util.List;
import java.util.Map;

/** Typed access to the maps and lists {@link io.mcpbridge.core.audit.JsonText} returns. */
final class Fields {
  private Fields() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new MalformedJobMessageException(what + " must be a JSON object");
    }
    return (Map<String, Object>) map;
  }

  static List<?> list(Map<String, Object> in, String field) {
    if (!(in.get(field) instanceof List<?> list)) {
      throw new MalformedJobMessageException(field + " must be a JSON array");
    }
    return list;
  }

  static String text(Map<String, Object> in, String field) {
    if (!(in.get(field) instanceof String s)) {
      throw new MalformedJobMessageException(field + " must be a string");
    }
    return s;
  }

  static long integer(Map<String, Object> in, String field) {
    if (!(in.get(field) instanceof Long l)) {
      throw new MalformedJobMessageException(field + " must be an integer");
    }
    return l;
  }

  static double number(Map<String, Object> in, String field) {
    Object v = in.get(field);
    if (v instanceof Long l) {
      return l.doubleValue();
    }
    if (v instanceof Double d) {
      return d;
    }
    throw new MalformedJobMessageException(field + " must be a number");
  }

  static boolean bool(Map<String, Object> in, String field) {
    if (!(in.get(field) instanceof Boolean b)) {
      throw new MalformedJobMessageException(field + " must be true or false");
    }
    return b;
  }
}
