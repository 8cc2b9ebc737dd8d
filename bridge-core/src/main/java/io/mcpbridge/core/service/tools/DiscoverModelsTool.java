package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.ModelIndex;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code discover_models}: the model files an operator may load, with hashes and loaded state. */
public final class DiscoverModelsTool implements Tool<DiscoverModelsTool.Input, DiscoverModelsTool.Output> {

  /** Input of discover_models. */
  public record Input(
      @Description("Case-insensitive text the relative path must contain.") Optional<String> search,
      @Description("Only models with a loaded simulation.") Optional<Boolean> loadedOnly,
      @Description("Page from 1; default 1.") Optional<Integer> page,
      @Description("Entries per page 1-1000; default 100.") Optional<Integer> limit) {}

  /** Output of discover_models. */
  public record Output(List<Item> items, int total, int page, int limit) {}

  /** One model file. */
  public record Item(
      @Description("Path to pass to load_simulation.") String filePath,
      String rootPath, long sizeBytes, Instant modifiedAt, String sha256,
      boolean isLoaded, List<String> loadedSimulationIds) {}

  private final ModelIndex index;

  public DiscoverModelsTool(ModelIndex index) {
    this.index = index;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("discover_models", "Discover models",
        "List the models (.pkml files and SimModel XML files) in the allowed model directories with size, modification time, SHA-256 and "
            + "whether a simulation was loaded from them.",
        Role.VIEWER, false, true, false, true, true, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    int page = input.page().orElse(1);
    int limit = input.limit().orElse(100);
    if (page < 1 || limit < 1 || limit > 1000) {
      throw new InvalidInputException("page must be >= 1 and limit 1-1000");
    }
    String needle = input.search().orElse("").toLowerCase(Locale.ROOT);
    boolean loadedOnly = input.loadedOnly().orElse(false);
    List<Item> all = index.scan().stream()
        .filter(f -> f.relativePath().toLowerCase(Locale.ROOT).contains(needle))
        .filter(f -> !loadedOnly || !f.simulationIds().isEmpty())
        .map(f -> new Item(f.relativePath(), f.root().toString(), f.sizeBytes(), f.modifiedAt(), f.sha256(),
            !f.simulationIds().isEmpty(), f.simulationIds()))
        .toList();
    return new Output(all.stream().skip((long) (page - 1) * limit).limit(limit).toList(), all.size(), page, limit);
  }
}
