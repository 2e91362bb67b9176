// `npm run demo`: the whole bridge in a few seconds, no LiteLLM install needed. It spawns the built server
// over stdio exactly as an MCP host does and runs the four tools through the SDK's Client, printing each
// call and its result. Without LITELLM_HOST it first starts the local stand-in the e2e tests use (it
// answers like LiteLLM; it is not LiteLLM); with LITELLM_HOST (and LITELLM_MASTER_KEY) set it runs
// against that proxy instead — and then really mints a virtual key, valid for one hour.

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { FakeLiteLLM } from "../test/support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../test/support/spawn-server.ts";

const STAND_IN_MASTER_KEY = "sk-demo-stand-in-master-key";

function show(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
}

async function upstream(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const host = process.env.LITELLM_HOST?.trim();
  if (host) {
    const masterKey = process.env.LITELLM_MASTER_KEY?.trim();
    if (!masterKey) {
      console.error("LITELLM_HOST is set but LITELLM_MASTER_KEY is not: the demo mints a key, which needs the master key.");
      process.exit(1);
    }
    console.log(`Running against your LiteLLM proxy at ${host} (from LITELLM_HOST).`);
    return { env: { LITELLM_HOST: host, LITELLM_MASTER_KEY: masterKey }, stop: async () => {} };
  }
  const standIn = await new FakeLiteLLM({ masterKey: STAND_IN_MASTER_KEY }).start();
  console.log(`No LITELLM_HOST set: started a local STAND-IN that answers like a LiteLLM proxy (test/support/fake-litellm.ts;`);
  console.log(`it is not LiteLLM) at ${standIn.url}. Set LITELLM_HOST and LITELLM_MASTER_KEY to run against a real proxy.`);
  return { env: { LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: STAND_IN_MASTER_KEY }, stop: () => standIn.stop() };
}

let failures = 0;

async function call(server: Spawned, name: string, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  console.log(`\n→ ${name} ${JSON.stringify(args)}`);
  const result: CallToolResult = await server.call(name, args);
  if (result.isError) {
    failures++;
    const text = result.content.map((block) => (block.type === "text" ? block.text : `[${block.type}]`)).join(" ");
    console.log(`← error: ${text}`);
    return undefined;
  }
  console.log(`← ${show(result.structuredContent)}`);
  return result.structuredContent;
}

function skip(name: string, why: string): void {
  failures++;
  console.log(`\n→ ${name}: skipped, ${why}`);
}

async function main(): Promise<void> {
  const { env, stop } = await upstream();
  const server = await spawnServer(env);
  try {
    const info = server.client.getServerVersion();
    console.log(`\nSpawned the built server over stdio: ${info?.name} ${info?.version}.`);
    const { tools } = await server.client.listTools();
    console.log(`tools/list: ${tools.map((t) => t.name).join(", ")}`);

    const listed = await call(server, "list_models", {});
    const model = (listed?.models as { id: string }[] | undefined)?.[0]?.id;
    if (!model) return skip("the other tools", "the proxy listed no models");

    const minted = await call(server, "generate_key", { models: [model], user_id: "litellm-mcp-demo", duration: "1h", key_alias: `litellm-mcp-demo-${Date.now()}` });
    const key = minted?.key as string | undefined;
    if (!key) return skip("get_key_info and proxy_completion", "they need the key generate_key would have minted");

    await call(server, "get_key_info", { key });
    await call(server, "proxy_completion", { model, key, messages: [{ role: "user", content: "Say hello in five words." }], max_tokens: 50 });
  } finally {
    await server.close();
    await stop();
    if (failures > 0) console.log(`\nServer log (stderr):\n${server.stderr().trimEnd()}`);
    console.log(failures === 0 ? "\nDone: all four tools answered." : `\nDone, with ${failures} failed or skipped step(s).`);
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
