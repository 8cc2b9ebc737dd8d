package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/** Assembles the bridge's MCP features (tools, resources, prompts, completions) from the ports. */
public final class BridgeMcp {
  /** Instructions given to agents at initialize. */
  public static final String INSTRUCTIONS = "MCP Bridge runs OSP .pkml PBPK models. Typical flow: discover_models → "
      + "load_simulation → list_parameters / get_parameter_value → set_parameter_value → run_simulation (send a "
      + "progressToken to follow the run) → get_job_status → get_simulation_results → calculate_pk_parameters. "
      + "Critical tools need a person's confirmation (elicitation, or a single-use nonce in _meta[\""
      + ConfirmationGate.META_KEY + "\"]). Resources: bridge://models, bridge://simulations/{id}, "
      + "bridge://results/{id}, bridge://jobs/{id}.";
  private static final Duration MAX_FOLLOW = Duration.ofHours(2);

  private BridgeMcp() {}

  /** The production features over the given ports. */
  public static McpFeatures features(McpServices services, ObjectMapper json) {
    ToolCaller caller = new ToolCaller(services.tools(), json);
    ConfirmationGate gate = new ConfirmationGate(new ConfirmationNonces(services.clock(), ConfirmationNonces.DEFAULT_TTL),
        services.audit(), services.clock(), json);
    JobProgressRelay follower = new JobProgressRelay(services.jobs(), services.jobFollower(), MAX_FOLLOW);
    BridgeResources resources = new BridgeResources(caller, json);
    JobTasks tasks = new JobTasks(caller, json);
    return new McpFeatures(new CatalogTools(caller, gate, follower, tasks, json), resources, new BridgePrompts(json),
        new BridgeCompletions(caller, resources, json), tasks);
  }

  /** Server identity with the standard instructions. */
  public static ServerInfo info(String version) {
    return new ServerInfo("mcp-bridge", "MCP Bridge (OSP PBPK)", version, INSTRUCTIONS);
  }
}
