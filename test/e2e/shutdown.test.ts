// The built server ends cleanly: closing stdin or SIGTERM aborts in-flight calls (the upstream sees its
// connection close) and the process exits 0 without waiting for them; a bad setting stops it at start.

import { afterEach, describe, expect, it } from "vitest";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY } from "../support/connect.ts";
import { RawServer } from "../support/raw-stdio.ts";
import { SlowUpstream } from "../support/slow-upstream.ts";

let upstream: SlowUpstream | undefined;
afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

async function withCallsInFlight(count: number): Promise<RawServer> {
  upstream = await new SlowUpstream(Infinity).start();
  const server = new RawServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_ADMIN_TIMEOUT_MS: "600000" });
  await server.initialize();
  for (let i = 0; i < count; i++) server.write({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "list_models", arguments: {} } });
  await upstream.received(count);
  return server;
}

describe.each([
  ["stdin closes", (server: RawServer) => server.child.stdin.end()],
  ["SIGTERM", (server: RawServer) => server.child.kill("SIGTERM")],
  ["SIGINT", (server: RawServer) => server.child.kill("SIGINT")],
])("when %s with calls in flight", (_how, stop) => {
  it("the upstream requests are aborted and the process exits 0", async () => {
    const server = await withCallsInFlight(3);
    const started = performance.now();
    stop(server);
    // The upstream never answers and the admin timeout is 600 s: only the shutdown path can end these.
    await Promise.all(upstream!.requests.map((r) => r.abandoned));
    const exit = await server.exited;
    console.log(`${_how}: exited ${exit.code} after ${Math.round(performance.now() - started)} ms`);
    capture("shutdown", ...server.stdoutLines, server.stderr);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr).toMatch(/litellm-mcp info: shutting down/);
    expect(leaksCanary(server.stderr)).toBe(false);
  });
});

describe("a bad setting", () => {
  it.each([
    [{ LITELLM_MCP_MAX_BUDGET: "lots" }, /LITELLM_MCP_MAX_BUDGET must be a positive amount/],
    [{ LITELLM_MCP_TOOLS: "list_models,mint_everything" }, /LITELLM_MCP_TOOLS names "mint_everything"/],
  ])("%j stops the server at start with the variable's name, and nothing on stdout", async (env, message) => {
    const server = new RawServer({ LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...env });
    const exit = await server.exited;
    capture("shutdown", server.stderr);
    expect(exit.code).toBe(1);
    expect(server.stderr).toMatch(message);
    expect(server.stdoutLines).toEqual([]);
  });
});

describe("a key pasted into the wrong variable", () => {
  it.each([
    // The master key set, and pasted again where a number or a name belongs.
    ["LITELLM_MCP_MAX_BUDGET", { LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_MAX_BUDGET: CANARY_MASTER_KEY }, /LITELLM_MCP_MAX_BUDGET must be a positive amount/],
    ["LITELLM_MCP_TOOLS", { LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_TOOLS: `list_models,${CANARY_MASTER_KEY}` }, /LITELLM_MCP_TOOLS names/],
    // Only in the wrong variable: no setting says it is a secret, but it has a LiteLLM key's shape.
    ["LITELLM_HOST, no master key", { LITELLM_HOST: CANARY_CALLER_KEY }, /LITELLM_HOST must be a URL/],
    ["LITELLM_MCP_MAX_KEY_DURATION, no master key", { LITELLM_MCP_MAX_KEY_DURATION: CANARY_CALLER_KEY }, /LITELLM_MCP_MAX_KEY_DURATION must be/],
  ])("a key in %s stops the server naming the variable, without printing the key", async (_label, env, message) => {
    const server = new RawServer(env);
    const exit = await server.exited;
    capture("shutdown", server.stderr);
    expect(exit.code).toBe(1);
    expect(server.stderr).toMatch(message);
    expect(leaksCanary(server.stderr), server.stderr).toBe(false);
  });
});
