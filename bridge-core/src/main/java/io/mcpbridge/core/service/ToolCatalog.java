package io.mcpbridge.core.service;

import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every tool of the bridge, by name, in a stable order. */
public final class ToolCatalog {
  private final Map<String, Tool<?, ?>> tools = new LinkedHashMap<>();

  /** A catalog of the given tools (names must be unique). */
  public ToolCatalog(List<Tool<?, ?>> all) {
    for (Tool<?, ?> t : all) {
      if (tools.put(t.descriptor().name(), t) != null) {
        throw new IllegalArgumentException("duplicate tool " + t.descriptor().name());
      }
    }
  }

  /** All tools. */
  public List<Tool<?, ?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(tools.values()));
  }

  /** The tools a caller may call (tools/list filtering). */
  public List<Tool<?, ?>> visibleTo(Principal principal) {
    return tools.values().stream().filter(t -> principal.has(t.descriptor().requiredRole())).toList();
  }

  /**
   * A tool by name.
   *
   * @throws NotFoundException if there is no such tool
   */
  public Tool<?, ?> get(String name) {
    Tool<?, ?> t = tools.get(name);
    if (t == null) {
      throw new NotFoundException("unknown tool: " + name);
    }
    return t;
  }
}
