// Operator policy against the side doors, through the built server over stdio: a tool that hands out a new
// secret (regenerate_key) is held to the limits of minting one; update_key cannot turn a budget into a
// recurring allowance or push a key's expiry past the maximum; disabling a tool closes what it is for in
// every tool that could do it; and the README says which tools read-only mode keeps. A refused call writes
// nothing: the stand-in records every request it gets (it does not know every route it is sent, so an
// allowed call may end in its 404; what matters here is that it was sent, and with what). Reads a tool makes
// first (regenerate_key reads the key and its user) are not writes.

import { readFileSync } from "node:fs";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { KEY_ROUTES } from "../../src/policy/effects.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const KEY = "sk-existing-Ab12Cd34Ef56";
const LIMITS = { LITELLM_MCP_ALLOWED_MODELS: "mock-gpt", LITELLM_MCP_MAX_KEY_DURATION: "30d", LITELLM_MCP_MAX_BUDGET: "5" };

let upstream: FakeLiteLLM;
const running: Spawned[] = [];

async function serve(env: Record<string, string>): Promise<Spawned> {
  const server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...env });
  running.push(server);
  return server;
}

/** Calls a tool; returns the result, its text, and the body LiteLLM received (undefined: nothing was sent). */
async function attempt(server: Spawned, tool: string, args: Record<string, unknown>): Promise<{ result: CallToolResult; text: string; sent: unknown }> {
  const before = upstream.requests.length;
  const result = await server.call(tool, args);
  capture("policy-side-doors", result);
  const request = upstream.requests.slice(before).find((r) => r.method !== "GET");
  return { result, text: textOf(result), sent: request ? (request.body ?? {}) : undefined };
}

async function refused(server: Spawned, tool: string, args: Record<string, unknown>): Promise<string> {
  const { result, text, sent } = await attempt(server, tool, args);
  expect(result.isError, text).toBe(true);
  expect(text).toMatch(/^Refused by policy: /);
  expect(sent, "a refused call writes nothing").toBeUndefined();
  return text;
}

async function sent(server: Spawned, tool: string, args: Record<string, unknown>): Promise<unknown> {
  const { text, sent: body } = await attempt(server, tool, args);
  expect(text).not.toMatch(/Refused by policy/);
  expect(body, `${tool} ${JSON.stringify(args)}: ${text}`).toBeDefined();
  return body;
}

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: CANARY_MASTER_KEY }).start();
  // A key generate_key minted: the demo user's, limited to its exact routes, within LIMITS.
  upstream.state.mint(KEY, { user_id: "litellm-mcp-demo", models: ["mock-gpt"], max_budget: 5, duration: "7d", allowed_routes: [...KEY_ROUTES] });
});
afterEach(async () => {
  for (const server of running.splice(0)) {
    await server.close();
    capture("policy-side-doors", server.stderr());
  }
});
afterAll(() => upstream.stop());

describe("regenerate_key hands out a new secret, so it is held to the limits of minting one", () => {
  it("refuses to regenerate without models, duration and budget within the limits", async () => {
    const server = await serve(LIMITS);
    expect(await refused(server, "regenerate_key", { key: KEY })).toMatch(/LITELLM_MCP_ALLOWED_MODELS/);
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["mock-gpt"], max_budget: 5 })).toMatch(/LITELLM_MCP_MAX_KEY_DURATION/);
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["mock-gpt"], duration: "7d" })).toMatch(/LITELLM_MCP_MAX_BUDGET/);
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["gpt-4o"], duration: "7d", max_budget: 5 })).toMatch(/"gpt-4o"/);
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["mock-gpt"], duration: "90d", max_budget: 5 })).toMatch(/at most 30d/);
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["mock-gpt"], duration: "7d", max_budget: 50 })).toMatch(/at most 5 USD/);
  });

  it("sends the new limits with the regeneration, so LiteLLM writes them onto the key", async () => {
    const server = await serve(LIMITS);
    expect(await sent(server, "regenerate_key", { key: KEY, models: ["mock-gpt"], duration: "7d", max_budget: 5 })).toEqual({ key: KEY, models: ["mock-gpt"], duration: "7d", max_budget: 5 });
  });

  it("bounds grace_period, the extra life of the old secret", async () => {
    const server = await serve(LIMITS);
    const within = { key: KEY, models: ["mock-gpt"], duration: "7d", max_budget: 5 };
    expect(await refused(server, "regenerate_key", { ...within, grace_period: "60d" })).toMatch(/grace_period.*at most 7d/);
    expect(await refused(server, "regenerate_key", { ...within, grace_period: "8d" })).toMatch(/grace_period.*at most 7d/);
    expect(await sent(server, "regenerate_key", { ...within, grace_period: "24h" })).toMatchObject({ grace_period: "24h" });
  });

  it("says so in its description", async () => {
    const server = await serve(LIMITS);
    const { tools } = await server.client.listTools();
    expect(tools.find((t) => t.name === "regenerate_key")?.description).toMatch(/models must be chosen from "mock-gpt"; duration is required, at most 30d; max_budget is required, at most 5 USD/);
  });
});

describe("update_key cannot stretch a limit over time", () => {
  it("refuses budget_duration under LITELLM_MCP_MAX_BUDGET: a budget that resets is an allowance per period", async () => {
    const server = await serve(LIMITS);
    expect(await refused(server, "update_key", { key: KEY, budget_duration: "1d" })).toMatch(/LITELLM_MCP_MAX_BUDGET.*in all/);
    expect(await refused(server, "update_key", { key: KEY, max_budget: 5, budget_duration: "30d" })).toMatch(/budget_duration/);
    // Within the limit, and a reset taken away, are fine.
    expect(await sent(server, "update_key", { key: KEY, max_budget: 5 })).toEqual({ key: KEY, max_budget: 5 });
  });

  it("refuses a new duration under LITELLM_MCP_MAX_KEY_DURATION: each one would restart the key's clock", async () => {
    const server = await serve(LIMITS);
    expect(await refused(server, "update_key", { key: KEY, duration: "30d" })).toMatch(/from when they were issued \(LITELLM_MCP_MAX_KEY_DURATION\)/);
    expect(await refused(server, "update_key", { key: KEY, duration: "1h" })).toMatch(/block_key or delete_key/);
  });

  it("takes both where no maximum is set", async () => {
    const server = await serve({});
    expect(await sent(server, "update_key", { key: KEY, duration: "30d", budget_duration: "1d" })).toEqual({ key: KEY, duration: "30d", budget_duration: "1d" });
  });
});

describe("a disabled tool closes what it is for, in every tool", () => {
  it("with unblock_key disabled, update_key may block but not unblock", async () => {
    const server = await serve({ LITELLM_MCP_DISABLED_TOOLS: "unblock_key" });
    expect(await refused(server, "update_key", { key: KEY, blocked: false })).toMatch(/unblocking a key.*unblock_key/);
    expect(await sent(server, "update_key", { key: KEY, blocked: true })).toEqual({ key: KEY, blocked: true });
    const { tools } = await server.client.listTools();
    expect(tools.find((t) => t.name === "update_key")?.description).toMatch(/blocked may not be false/);
  });

  it("with block_key left out of LITELLM_MCP_TOOLS, update_key may not block", async () => {
    const server = await serve({ LITELLM_MCP_TOOLS: "update_key,unblock_key,get_key_info" });
    expect(await refused(server, "update_key", { key: KEY, blocked: true })).toMatch(/blocking a key.*block_key/);
    expect(await sent(server, "update_key", { key: KEY, blocked: false })).toEqual({ key: KEY, blocked: false });
  });

  it("with generate_key disabled, regenerate_key hands out no key at all: a listing's hash would be enough to take one over", async () => {
    const server = await serve({ LITELLM_MCP_DISABLED_TOOLS: "generate_key", LITELLM_MCP_ALLOW_NO_EXPIRY: "true" });
    expect(await refused(server, "regenerate_key", { key: KEY })).toMatch(/handing out a new usable key is what generate_key is for, and generate_key is disabled.*Have the operator enable generate_key/);
    const { tools } = await server.client.listTools();
    expect(tools.find((t) => t.name === "regenerate_key")?.description).toMatch(/it is refused here \(it hands out a new usable key/);
  });

  it("with update_key disabled, regenerate_key may not change a key's limits", async () => {
    const server = await serve({ LITELLM_MCP_DISABLED_TOOLS: "update_key", LITELLM_MCP_ALLOW_NO_EXPIRY: "true" });
    expect(await refused(server, "regenerate_key", { key: KEY, models: ["mock-gpt"] })).toMatch(/changing a key's settings.*update_key/);
    expect(await sent(server, "regenerate_key", { key: KEY })).toEqual({ key: KEY });
  });
});

describe("read-only mode", () => {
  it("keeps exactly the tools the README's configuration table names", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const row = readme.split("\n").find((line) => line.startsWith("| `LITELLM_MCP_READ_ONLY`"));
    expect(row, "the README documents LITELLM_MCP_READ_ONLY").toBeDefined();
    const documented = [...row!.split("|")[3]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).sort();
    const server = await serve({ LITELLM_MCP_READ_ONLY: "true" });
    const { tools } = await server.client.listTools();
    expect(documented).toEqual(tools.map((t) => t.name).sort());
  });
});
