// The bridge's 2026-era MCP client on the official TypeScript SDK 2.x (@modelcontextprotocol/client,
// pinned in scripts/mcp-peers.sh). Run it through `scripts/mcp-peers.sh client-modern ...`.
//
//   mcp-client-modern.mjs --http URL [options]             Streamable HTTP; bearer token from $MCP_BEARER_TOKEN
//   mcp-client-modern.mjs [options] --stdio CMD [ARGS...]  stdio: starts CMD (e.g. `bridge mcp`) with this environment
//
// Options:
//   --negotiation auto|modern  versionNegotiation of the client: `auto` probes with server/discover and
//                              stays modern if the server answers it; `modern` pins 2026-07-28 (default)
//   --scenario smoke           (default) discover, list, then load → set → run (with a progress token) →
//                              get_job_status until done → get_simulation_results → calculate_pk_parameters;
//                              every critical tool is confirmed through the input_required question the
//                              bridge returns, which the SDK answers with the elicitation handler below
//   --model FILE / --simulation ID
//
// Prints one JSON object per step and a final {"ok":true,...} summary on stdout; diagnostics go to
// stderr. Exits 1 on any failure.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { CALL_TIMEOUT_MS, check, loadSetRunAndAnalyse, say } from "./mcp-scenario.mjs";

const MODERN = "2026-07-28";
const ERROR_KEY = "io.mcpbridge/error";

function parseArgs(argv) {
  const o = { scenario: "smoke", negotiation: "modern", model: "one_compartment_iv_bolus.pkml",
    simulation: `mcp-modern-${Date.now()}` };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--http") o.url = argv[++i];
    else if (a === "--stdio") { o.command = argv.slice(i + 1); break; }
    else if (a === "--scenario") o.scenario = argv[++i];
    else if (a === "--negotiation") o.negotiation = argv[++i];
    else if (a === "--model") o.model = argv[++i];
    else if (a === "--simulation") o.simulation = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.url === !o.command?.length) throw new Error("give exactly one of --http URL or --stdio CMD [ARGS...]");
  if (o.scenario !== "smoke") throw new Error(`unknown scenario ${o.scenario}`);
  if (!["auto", "modern"].includes(o.negotiation)) throw new Error(`unknown negotiation ${o.negotiation}`);
  return o;
}

function transportFor(o) {
  if (o.url) {
    const token = process.env.MCP_BEARER_TOKEN;
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    return new StreamableHTTPClientTransport(new URL(o.url), { requestInit: { headers } });
  }
  const [command, ...args] = o.command;
  return new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
}

const seen = { progress: 0, confirmations: 0 };

async function ok(client, name, args, { progress = false } = {}) {
  const options = { timeout: CALL_TIMEOUT_MS, resetTimeoutOnProgress: true };
  if (progress) options.onprogress = () => { seen.progress++; };
  const result = await client.callTool({ name, arguments: args }, options);
  if (result.isError) {
    const error = result._meta?.[ERROR_KEY];
    throw new Error(`${name} failed: ${error ? `${error.code}: ${error.message}` : JSON.stringify(result.content)}`);
  }
  check(result.structuredContent, `${name} returned no structuredContent`);
  return result.structuredContent;
}

async function smoke(client, o) {
  const { tools } = await client.listTools();
  say({ step: "list", tools: tools.map((t) => t.name) });
  check(tools.some((t) => t.name === "run_simulation"), "run_simulation is not listed");

  const summary = await loadSetRunAndAnalyse((name, args, opts) => ok(client, name, args, opts), o, seen);
  check(seen.confirmations === 3, `expected 3 confirmations through input_required, got ${seen.confirmations}`);
  return summary;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const capabilities = { elicitation: {} };
  const client = new Client({ name: "mcp-bridge-modern-client", version: "1.0.0" }, {
    capabilities,
    versionNegotiation: { mode: o.negotiation === "auto" ? "auto" : { pin: MODERN } },
  });
  // The bridge asks for confirmation of critical tools with an input_required result; the SDK
  // answers it through this handler and retries the call with the answer and the request state.
  client.setRequestHandler("elicitation/create", async (request) => {
    seen.confirmations++;
    const fields = Object.keys(request.params.requestedSchema?.properties ?? {});
    check(fields.includes("confirm"), `unexpected question: ${JSON.stringify(request.params)}`);
    return { action: "accept", content: { confirm: true } };
  });
  await client.connect(transportFor(o));
  const era = client.getProtocolEra?.();
  const version = client.getNegotiatedProtocolVersion?.();
  say({ step: "connected", era, protocolVersion: version, server: client.getServerVersion() });
  check(version === MODERN, `negotiated ${version}, expected ${MODERN}`);
  const summary = await smoke(client, o);
  await client.close();
  say({ ok: true, era, protocolVersion: version, confirmations: seen.confirmations, progress: seen.progress, ...summary });
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  say({ ok: false, error: String(e?.message ?? e) });
  process.exit(1);
});
