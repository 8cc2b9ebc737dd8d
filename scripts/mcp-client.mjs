// The bridge's own MCP client on the official TypeScript SDK (@modelcontextprotocol/sdk, pinned in
// scripts/mcp-peers.sh). Run it through `scripts/mcp-peers.sh client ...`, which installs the SDK.
//
//   mcp-client.mjs --http URL [options]             Streamable HTTP; bearer token from $MCP_BEARER_TOKEN,
//                                                   X-Correlation-Id from $MCP_CORRELATION_ID (both optional)
//   mcp-client.mjs [options] --stdio CMD [ARGS...]  stdio: starts CMD (e.g. `bridge mcp`) with this environment
//
// Options:
//   --scenario smoke   (default) list tools/resources/prompts, then load → set → run (with a progress
//                      token) → get_job_status until done → get_simulation_results → calculate_pk_parameters
//                      → plot_results (the image content must decode as a 1200x800 PNG whose SHA-256 the
//                      output names, and reading its resource link must give the same bytes)
//   --scenario list    list tools/resources/prompts only
//   --scenario viewer  the caller must see no operator tool, and run_simulation must fail with Forbidden
//   --elicitation      declare the elicitation capability and accept the bridge's confirmation questions;
//                      without it, confirmation goes through the ConfirmationRequired nonce in
//                      _meta["io.mcpbridge/confirmation"], resent with the identical call
//   --model FILE       model to load (default one_compartment_iv_bolus.pkml)
//   --simulation ID    simulation id to use (default mcp-client-<time>)
//
// Prints one JSON object per step and a final {"ok":true,...} summary on stdout; diagnostics go to
// stderr. Exits 1 on any failure (a tool error, a broken expectation, a transport error).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { createHash } from "node:crypto";
import { CALL_TIMEOUT_MS, OUTPUT, check, loadSetRunAndAnalyse, say } from "./mcp-scenario.mjs";

const CONFIRMATION_KEY = "io.mcpbridge/confirmation";
const ERROR_KEY = "io.mcpbridge/error";

function parseArgs(argv) {
  const o = { scenario: "smoke", elicitation: false, model: "one_compartment_iv_bolus.pkml",
    simulation: `mcp-client-${Date.now()}` };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--http") o.url = argv[++i];
    else if (a === "--stdio") { o.command = argv.slice(i + 1); break; }
    else if (a === "--scenario") o.scenario = argv[++i];
    else if (a === "--elicitation") o.elicitation = true;
    else if (a === "--model") o.model = argv[++i];
    else if (a === "--simulation") o.simulation = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.url === !o.command?.length) throw new Error("give exactly one of --http URL or --stdio CMD [ARGS...]");
  if (!["smoke", "list", "viewer"].includes(o.scenario)) throw new Error(`unknown scenario ${o.scenario}`);
  return o;
}

function transportFor(o) {
  if (o.url) {
    const token = process.env.MCP_BEARER_TOKEN;
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    // One correlation id for every request, so the audit trail of the whole run can be queried.
    if (process.env.MCP_CORRELATION_ID) headers["X-Correlation-Id"] = process.env.MCP_CORRELATION_ID;
    return new StreamableHTTPClientTransport(new URL(o.url), { requestInit: { headers } });
  }
  const [command, ...args] = o.command;
  // The whole environment: the bridge reads its configuration from it.
  return new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
}

/** Counters the checks read. */
const seen = { progress: 0, elicitations: 0, nonces: 0 };

/** Calls a tool; on ConfirmationRequired resends the identical call with the nonce (once). */
async function call(client, name, args, { progress = false } = {}) {
  const options = { timeout: CALL_TIMEOUT_MS, resetTimeoutOnProgress: true };
  if (progress) options.onprogress = () => { seen.progress++; };
  let result = await client.callTool({ name, arguments: args }, undefined, options);
  const nonce = result.isError ? result._meta?.[CONFIRMATION_KEY] : undefined;
  if (nonce) {
    seen.nonces++;
    say({ step: name, confirmation: "nonce" });
    result = await client.callTool({ name, arguments: args, _meta: { [CONFIRMATION_KEY]: nonce } }, undefined, options);
  }
  return result;
}

async function ok(client, name, args, opts) {
  const result = await call(client, name, args, opts);
  if (result.isError) {
    const error = result._meta?.[ERROR_KEY];
    throw new Error(`${name} failed: ${error ? `${error.code}: ${error.message}` : JSON.stringify(result.content)}`);
  }
  check(result.structuredContent, `${name} returned no structuredContent`);
  return result.structuredContent;
}

async function list(client) {
  const caps = client.getServerCapabilities() ?? {};
  const { tools } = await client.listTools();
  const resources = caps.resources ? (await client.listResources()).resources : [];
  const templates = caps.resources ? (await client.listResourceTemplates()).resourceTemplates : [];
  const prompts = caps.prompts ? (await client.listPrompts()).prompts : [];
  say({ step: "list", tools: tools.map((t) => t.name), resources: resources.map((r) => r.uri),
    templates: templates.map((t) => t.uriTemplate), prompts: prompts.map((p) => p.name) });
  check(tools.length > 0, "tools/list is empty");
  return tools;
}

async function smoke(client, o) {
  const { jobId, resultsId, cmax } = await loadSetRunAndAnalyse((name, args, opts) => ok(client, name, args, opts), o, seen);
  const plot = await plotResults(client, resultsId);
  return { simulationId: o.simulation, jobId, resultsId, cmax, ...plot };
}

/** PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at bytes 16 and 20. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  check(signature.every((b, i) => bytes[i] === b), "the image is not a PNG");
  check(bytes.toString("latin1", 12, 16) === "IHDR", "the PNG does not start with IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function plotResults(client, resultsId) {
  const result = await call(client, "plot_results", { resultsId, outputPaths: [OUTPUT] });
  check(!result.isError, `plot_results failed: ${JSON.stringify(result.content)}`);
  const image = result.content.find((c) => c.type === "image");
  check(image && image.mimeType === "image/png", `plot_results returned no PNG image content: ${JSON.stringify(result.content.map((c) => c.type))}`);
  const bytes = Buffer.from(image.data, "base64");
  const { width, height } = pngSize(bytes);
  check(width === 1200 && height === 800, `the plot is ${width}x${height}, expected 1200x800`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  check(sha256 === result.structuredContent.sha256, "the image's SHA-256 differs from the one plot_results names");
  const link = result.content.find((c) => c.type === "resource_link");
  check(link && link.mimeType === "image/png", "plot_results returned no resource link to the image");
  const read = await client.readResource({ uri: link.uri });
  const blob = read.contents[0]?.blob;
  check(blob, `reading ${link.uri} returned no blob`);
  check(createHash("sha256").update(Buffer.from(blob, "base64")).digest("hex") === sha256,
    `reading ${link.uri} gave other bytes than the tool`);
  say({ step: "plot_results", width, height, bytes: bytes.length, sha256, resource: link.uri });
  return { plotSha256: sha256, plotWidth: width, plotHeight: height, plotUri: link.uri };
}

async function viewer(client, tools) {
  const privileged = tools.filter((t) => t._meta?.["io.mcpbridge/requiredRole"] !== "viewer").map((t) => t.name);
  check(privileged.length === 0, `a viewer sees tools it may not call: ${privileged.join(", ")}`);
  const result = await call(client, "run_simulation", { simulationId: "anything" });
  const code = result._meta?.[ERROR_KEY]?.code;
  check(result.isError === true && code === "Forbidden", `run_simulation as viewer answered ${JSON.stringify(result)}`);
  say({ step: "run_simulation", refused: code });
  return { refused: code };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const capabilities = o.elicitation ? { elicitation: {} } : {};
  const client = new Client({ name: "mcp-bridge-client", version: "1.0.0" }, { capabilities });
  if (o.elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      seen.elicitations++;
      const field = Object.keys(request.params.requestedSchema?.properties ?? {})[0] ?? "confirm";
      return { action: "accept", content: { [field]: true } };
    });
  }
  const transport = transportFor(o);
  await client.connect(transport);
  try {
    say({ step: "initialize", server: client.getServerVersion(), protocol: transport.protocolVersion ?? null,
      session: transport.sessionId ?? null });
    const tools = await list(client);
    const summary = o.scenario === "smoke" ? await smoke(client, o) : o.scenario === "viewer" ? await viewer(client, tools) : {};
    say({ ok: true, scenario: o.scenario, tools: tools.length, ...summary, ...seen });
  } finally {
    await client.close();
  }
}

main().then(() => process.exit(0), (e) => {
  // e.code: the HTTP status of a transport error (401, 403, ...) or the JSON-RPC error code.
  console.error(`mcp-client: ${e?.message ?? e}${e?.code !== undefined ? ` (code ${e.code})` : ""}`);
  console.log(JSON.stringify({ ok: false, error: String(e?.message ?? e), code: e?.code ?? null, ...seen }));
  process.exit(1);
});
