// `npm run demo`: the whole bridge in a few seconds, no LiteLLM install needed. It spawns the built server
// over stdio exactly as an MCP host does and calls every tool through the SDK's Client, one line per call
// and result (test/support/tool-tour.ts: mint a key, use it, change it, look it up, delete it). Without
// LITELLM_HOST it first starts the local stand-in the e2e tests use (it answers like LiteLLM; it is not
// LiteLLM); with LITELLM_HOST (and LITELLM_MASTER_KEY) set it runs against that proxy instead: it really
// mints a virtual key (valid one hour) for the internal user litellm-mcp-demo, which must exist there, and
// deletes it at the end. Against a real proxy it skips the
// steps that cost money or need what a plain proxy may lack, and says why. With `-- --view` it then serves
// the usage view in a loopback MCP Apps host page to open in a browser (scripts/demo-view.ts).

import type { CallToolResult } from "@modelcontextprotocol/client";
import { FakeLiteLLM } from "../test/support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../test/support/spawn-server.ts";
import { TOUR, tourContext } from "../test/support/tool-tour.ts";
import { showUsageView } from "./demo-view.ts";

const STAND_IN_MASTER_KEY = "sk-demo-stand-in-master-key";
/** A result line longer than this is cut: the point is that each tool answered, not every field. */
const SHOWN_CHARS = 400;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

async function upstream(): Promise<{ env: Record<string, string>; standIn: boolean; stop: () => Promise<void> }> {
  const host = process.env.LITELLM_HOST?.trim();
  if (host) {
    const masterKey = process.env.LITELLM_MASTER_KEY?.trim();
    if (!masterKey) {
      console.error("LITELLM_HOST is set but LITELLM_MASTER_KEY is not: the demo mints a key, which needs the master key.");
      process.exit(1);
    }
    console.log(`Running against your LiteLLM proxy at ${host} (from LITELLM_HOST).`);
    return { env: { LITELLM_HOST: host, LITELLM_MASTER_KEY: masterKey }, standIn: false, stop: async () => {} };
  }
  // An Enterprise stand-in, so that regenerate_key answers too.
  const standIn = await new FakeLiteLLM({ masterKey: STAND_IN_MASTER_KEY, enterprise: true }).start();
  console.log(`No LITELLM_HOST set: started a local STAND-IN that answers like a LiteLLM proxy (test/support/fake-litellm.ts;`);
  console.log(`it is not LiteLLM) at ${standIn.url}. Set LITELLM_HOST and LITELLM_MASTER_KEY to run against a real proxy.`);
  return { env: { LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: STAND_IN_MASTER_KEY }, standIn: true, stop: () => standIn.stop() };
}

let failures = 0;
let answered = 0;
const skipped: string[] = [];

async function call(server: Spawned, name: string, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  console.log(`\n→ ${name} ${show(args)}`);
  const result: CallToolResult = await server.call(name, args);
  if (result.isError) {
    failures++;
    const text = result.content.map((block) => (block.type === "text" ? block.text : `[${block.type}]`)).join(" ");
    console.log(`← error: ${text}`);
    return undefined;
  }
  answered++;
  console.log(`← ${show(result.structuredContent)}`);
  // Every tool here declares an object output schema.
  return result.structuredContent as Record<string, unknown>;
}

async function main(): Promise<void> {
  const { env, standIn, stop } = await upstream();
  const server = await spawnServer(env);
  try {
    const info = server.client.getServerVersion();
    console.log(`\nSpawned the built server over stdio: ${info?.name} ${info?.version}.`);
    const { tools } = await server.client.listTools();
    console.log(`tools/list: ${tools.map((t) => t.name).join(", ")}`);

    const ctx = tourContext(standIn);
    for (const step of TOUR) {
      if (!standIn && step.standInOnly) {
        skipped.push(step.tool);
        console.log(`\n→ ${step.tool}: skipped against a real proxy: ${step.standInOnly}.`);
        continue;
      }
      const result = await call(server, step.tool, step.args(ctx));
      if (result) step.then?.(result, ctx);
      else if (step.then) {
        console.log(`\nStopped: the next calls need what ${step.tool} would have returned.`);
        break;
      }
    }
    if (process.argv.includes("--view")) await showUsageView(env);
    else console.log("\n(npm run demo -- --view also serves the usage view, as an MCP Apps host draws it, to open in a browser.)");
  } finally {
    await server.close();
    await stop();
    if (failures > 0) console.log(`\nServer log (stderr):\n${server.stderr().trimEnd()}`);
    const skips = skipped.length > 0 ? `; skipped ${skipped.join(", ")}` : "";
    console.log(failures === 0 ? `\nDone: ${answered} tools answered${skips}.` : `\nDone, with ${failures} failed call(s): ${answered} tools answered${skips}.`);
  }
}

main().then(
  () => {
    process.exitCode = failures === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    if (/ENOENT|Cannot find module/.test(String(error))) console.error("Build the server first: npm run build");
    process.exitCode = 1;
  },
);
