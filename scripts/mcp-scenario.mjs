// The smoke scenario both of the bridge's MCP clients run (scripts/mcp-client.mjs on SDK 1.x and
// scripts/mcp-client-modern.mjs on SDK 2.x): load → set → run (with a progress token) → poll
// get_job_status → get_simulation_results → calculate_pk_parameters, each step checked against
// the one-compartment IV bolus model's analytic values. No SDK import: each client passes its own
// `ok(name, args, { progress })`, which calls a tool and returns its structuredContent or throws.

export const VOLUME = "Organism|Central|Volume";
export const OUTPUT = "Organism|Central|Drug|Concentration";
export const CALL_TIMEOUT_MS = 300_000;

export const say = (step) => console.log(JSON.stringify(step));

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs the scenario on simulation `o.simulation` loaded from `o.model`; returns its ids and C_max. */
export async function loadSetRunAndAnalyse(ok, o, seen) {
  const loaded = await ok("load_simulation", { filePath: o.model, simulationId: o.simulation });
  check(loaded.simulationId === o.simulation, `load_simulation answered simulation ${loaded.simulationId}`);
  say({ step: "load_simulation", simulationId: loaded.simulationId });

  const set = await ok("set_parameter_value",
    { simulationId: o.simulation, parameterPath: VOLUME, value: 20000, unit: "ml" });
  check(set.revision === 2 && Math.abs(set.parameter.value - 20) < 1e-9, `set_parameter_value answered ${JSON.stringify(set)}`);
  say({ step: "set_parameter_value", revision: set.revision, value: set.parameter.value });

  const run = await ok("run_simulation", { simulationId: o.simulation }, { progress: true });
  check(typeof run.jobId === "string", "run_simulation returned no jobId");
  say({ step: "run_simulation", jobId: run.jobId, progressNotifications: seen.progress });

  let status;
  const deadline = Date.now() + CALL_TIMEOUT_MS;
  do {
    status = await ok("get_job_status", { jobId: run.jobId });
    if (status.status === "queued" || status.status === "running") await new Promise((r) => setTimeout(r, 100));
    else break;
  } while (Date.now() < deadline);
  check(status.status === "succeeded", `job ended ${status.status}`);
  const resultsId = status.job.resultHandle.resultsId;
  say({ step: "get_job_status", status: status.status, resultsId });

  const results = await ok("get_simulation_results", { resultsId });
  const amount = results.series.find((s) => s.path === "Organism|Central|Drug");
  check(amount, "no series Organism|Central|Drug");
  const at600 = results.times.indexOf(600);
  check(at600 >= 0, "no time point 600 min");
  // V = 20 l after the change: A(600) = 100 e^(-3) µmol, within the file's tolerances.
  const expected = 100 * Math.exp(-3);
  check(Math.abs(amount.values[at600] - expected) / expected < 2e-3, `A(600) = ${amount.values[at600]}, expected ${expected}`);
  say({ step: "get_simulation_results", points: results.times.length, amountAt600: amount.values[at600] });

  const pk = await ok("calculate_pk_parameters", { resultsId, outputPath: OUTPUT });
  const cmax = pk.parameters[OUTPUT].C_max;
  check(Math.abs(cmax.value - 5) / 5 < 1e-4 && cmax.unit === "µmol/l", `C_max = ${JSON.stringify(cmax)}`);
  say({ step: "calculate_pk_parameters", cmax: cmax.value, unit: cmax.unit });
  check(seen.progress > 0, "run_simulation with a progress token sent no progress notification");
  return { jobId: run.jobId, resultsId, cmax: cmax.value };
}
