package io.mcpbridge.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns JSON arguments into a tool's input record with errors a caller can act on: every missing
 * required field and every unknown field is named; wrong types name the field and the expected
 * type. Nothing is executed for invalid input.
 */
public final class ToolInputReader {
  private final ObjectMapper json;

  public ToolInputReader(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Reads arguments.
   *
   * @param arguments a JSON object (absent arguments = empty object)
   * @param type the tool's input record
   * @throws InvalidInputException listing every problem found
   */
  public <T extends Record> T read(JsonNode arguments, Class<T> type) {
    JsonNode args = arguments == null || arguments.isNull() || arguments.isMissingNode()
        ? json.createObjectNode() : arguments;
    if (!args.isObject()) {
      throw new InvalidInputException("arguments must be a JSON object");
    }
    List<ErrorDetail> problems = new ArrayList<>();
    Set<String> required = RecordSchemas.requiredComponents(type);
    Set<String> known = new java.util.HashSet<>();
    for (var c : type.getRecordComponents()) {
      known.add(c.getName());
    }
    for (String r : required) {
      if (!args.has(r) || args.get(r).isNull()) {
        problems.add(ErrorDetail.error(r, "is required"));
      }
    }
    for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problems.add(ErrorDetail.error(name, "is not a field of this tool (expected one of " + known + ")"));
      }
    }
    collectNullElements(args, "", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid arguments: " + summary(problems), problems);
    }
    try {
      return json.treeToValue(args, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException("unknown field " + e.getPropertyName(),
          List.of(ErrorDetail.error(e.getPropertyName(), "unknown field")));
    } catch (InvalidFormatException e) {
      String field = path(e);
      throw new InvalidInputException("field " + field + " has the wrong type (expected "
          + e.getTargetType().getSimpleName() + ")", List.of(ErrorDetail.error(field, "wrong type")));
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new InvalidInputException("field " + field + " has the wrong type or shape",
          List.of(ErrorDetail.error(field, "wrong type or shape")));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable root = e.getCause() != null && e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new InvalidInputException("invalid arguments: " + firstLine(root.getMessage()));
    }
  }

  /** Null array elements are never meaningful tool input; name each one. */
  private static void collectNullElements(JsonNode node, String where, List<ErrorDetail> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isNull()) {
          problems.add(ErrorDetail.error(where + "[" + i + "]", "must not be null"));
        } else {
          collectNullElements(element, where + "[" + i + "]", problems);
        }
      }
    } else if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        collectNullElements(node.get(name), where.isEmpty() ? name : where + "." + name, problems);
      }
    }
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (var ref : m.getPath()) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
      }
      return b.toString();
    }
    return "arguments";
  }

  private static String summary(List<ErrorDetail> problems) {
    return String.join("; ", problems.stream().map(p -> p.field() + " " + p.issue()).toList());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
