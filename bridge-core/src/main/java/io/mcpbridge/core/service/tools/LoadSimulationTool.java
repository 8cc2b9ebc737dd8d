package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.core.service.ModelIndex;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code load_simulation}: admit a model file and create a simulation (revision 1) from it. */
public final class LoadSimulationTool implements Tool<LoadSimulationTool.Input, LoadSimulationTool.Output> {

  /** Input of load_simulation. */
  @Description("Load a .pkml model or a SimModel XML file from an allowed directory.")
  public record Input(
      @Description("Path of the .pkml or SimModel .xml file: relative to an allowed model directory, or absolute inside one.") String filePath,
      @Description("Id for the new simulation (1-64 of A-Z a-z 0-9 - _); generated when absent.") Optional<String> simulationId) {}

  /** Output of load_simulation. */
  public record Output(
      @Description("Id of the simulation.") String simulationId,
      @Description("Revision created (1).") int revision,
      @Description("What was loaded.") Metadata metadata,
      @Description("Number of parameters, amounts and observers.") int quantityCount,
      @Description("Quantities selected as outputs in the file.") List<String> outputPaths,
      @Description("Non-fatal remarks.") List<String> warnings) {}

  /** Provenance of a loaded simulation. */
  public record Metadata(String name, String filePath, String sha256, String createdBy, Instant createdAt) {}

  private final ModelAccess access;
  private final ModelIndex index;
  private final SimulationEngine engine;
  private final JobRegistry registry;
  private final Clock clock;

  public LoadSimulationTool(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry, Clock clock) {
    this.access = access;
    this.index = index;
    this.engine = engine;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("load_simulation", "Load simulation",
        "Load a PK-Sim/MoBi .pkml model or an OSP kernel SimModel XML file from the allowed model directories and create a simulation from it. "
            + "Returns the simulation id used by every other tool.",
        Role.OPERATOR, true, false, false, false, true, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    ModelRef ref = access.admit(input.filePath());
    LoadedModel model = engine.load(ref);
    SimulationId id = input.simulationId().map(SimulationIds::parse).orElseGet(SimulationId::random);
    if (registry.findSimulation(id).isPresent()) {
      throw new ConflictException("simulation " + id + " already exists; choose another simulationId");
    }
    Instant now = clock.instant();
    String owner = context.principal().subject();
    registry.saveSimulation(new StoredSimulation(id, 1, SimulationSpec.of(ref), owner, now));
    index.recordLoaded(ref.sha256(), id.value());
    List<String> warnings = model.outputPaths().isEmpty()
        ? List.of("the file selects no outputs; pass outputs when reading results") : List.of();
    return new Output(id.value(), 1, new Metadata(model.name(), access.relativeToRoot(ref.path()), ref.sha256(), owner, now),
        model.quantities().size(), model.outputPaths(), warnings);
  }
}
