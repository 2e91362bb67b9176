// The server's own part of a call, apart from the SDK's and the network's: a tool's handler, as the SDK calls
// it once it has parsed and validated the request (policy, the request built from the arguments, LiteLLM's
// answer mapped, checked against the output schema and redacted), in this process, with LiteLLM's answer
// handed over at once by a fetch that never touches the network. Beside it, call by call in turn, the floor:
// what any tool fetching the same answer pays for the fetch itself (the Request made, the canned answer read
// as text and parsed). The difference is the bridge's own work.

import { loadConfig } from "../../src/config/config.ts";
import { createServer } from "../../src/mcp/server.ts";
import { now } from "./stats.ts";

export interface OwnWork {
  tool: string;
  handler: number[];
  fetchOnly: number[];
}

type Handler = (args: Record<string, unknown>, ctx: unknown) => Promise<{ isError?: boolean; content?: unknown }>;

/** A fetch that answers every request with `body` at once, as LiteLLM would, without a socket. */
function cannedFetch(body: string): typeof fetch {
  const length = String(Buffer.byteLength(body));
  return async () => new Response(body, { status: 200, headers: { "content-type": "application/json", "content-length": length } });
}

export async function measureOwnWork(
  tool: string,
  args: Record<string, unknown>,
  answer: unknown,
  count: number,
): Promise<OwnWork> {
  const body = JSON.stringify(answer);
  const fetch = cannedFetch(body);
  const config = loadConfig({ LITELLM_HOST: "http://litellm.bench:4000", LITELLM_MASTER_KEY: "sk-bench-master-0000000000", LITELLM_MCP_TOOLSETS: "all" });
  const server = createServer(config, { fetch });
  // The handler as registered: what the SDK runs after its own parsing and validation.
  const registered = (server as unknown as { _registeredTools: Record<string, { handler: Handler }> })._registeredTools[tool];
  if (!registered) throw new Error(`${tool} is not served`);
  const ctx = { mcpReq: { signal: new AbortController().signal } };
  const handler = async () => {
    const result = await registered.handler(args, ctx);
    if (result.isError) throw new Error(`${tool} failed during the benchmark: ${JSON.stringify(result.content)}`);
  };
  const url = `${config.host}/models`;
  const fetchOnly = async () => {
    const response = await fetch(new Request(url, { headers: { authorization: "Bearer sk-bench-master-0000000000" } }));
    JSON.parse(await response.text());
  };
  const arms = { handler, fetchOnly };
  const samples: OwnWork = { tool, handler: [], fetchOnly: [] };
  for (let i = 0; i < Math.min(2000, count); i++) for (const arm of Object.values(arms)) await arm();
  for (let i = 0; i < count; i++) {
    for (const name of ["handler", "fetchOnly"] as const) {
      const start = now();
      await arms[name]();
      samples[name].push(now() - start);
    }
  }
  return samples;
}
