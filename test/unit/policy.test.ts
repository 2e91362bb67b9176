// Operator policy: bad settings stop the server at start naming the variable; a refused call is an isError
// naming the limit and what the operator would change, and nothing reaches LiteLLM (the nock scope stays
// unused); disabled tools are neither listed nor callable.

import nock from "nock";
import { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import type { Tool } from "../../src/manifest/define-tool.ts";
import { ConfigError } from "../../src/errors.ts";
import { manifest } from "../../src/manifest/index.ts";
import { policyNotices } from "../../src/policy/policy.ts";
import { createServer } from "../../src/mcp/server.ts";
import { capture } from "../support/capture.ts";
import { TEST_HOST, connect, listedTools, textOf } from "../support/connect.ts";
import { generatedKey, keyInfo, modelList } from "../support/litellm-answers.ts";
import { userInfo } from "../support/litellm-admin-answers.ts";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const key = { models: ["mock-gpt"], user_id: "u-1", duration: "7d" };

/** Calls a tool with the policy in `env`; returns the result and whether a write reached LiteLLM. */
async function attempt(env: Record<string, string>, tool: string, args: Record<string, unknown>, tools?: readonly Tool[]) {
  nock.cleanAll();
  const write = nock(TEST_HOST)
    .post(/.*/)
    .reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));
  // What a write reads first (the key's user, its team, the models served) is answered by one body that has
  // each; reading is not sending.
  nock(TEST_HOST)
    .persist()
    .get(/.*/)
    .reply(200, (uri) => ({ ...keyInfo, ...modelList, ...userInfo(0, 0, new URL(uri, TEST_HOST).searchParams.get("user_id") ?? undefined) }));
  const bridge = await connect(env, tools ? { tools } : {});
  const result = await bridge.call(tool, args);
  await bridge.close();
  capture("policy", result);
  return { result, text: textOf(result), sent: write.isDone() };
}

async function refused(env: Record<string, string>, tool: string, args: Record<string, unknown>, tools?: readonly Tool[]): Promise<string> {
  const { result, text, sent } = await attempt(env, tool, args, tools);
  expect(result.isError, text).toBe(true);
  expect(text).toMatch(/^Refused by policy: /);
  expect(sent, "a refused call must send nothing upstream").toBe(false);
  return text;
}

async function allowed(env: Record<string, string>, tool: string, args: Record<string, unknown>, tools?: readonly Tool[]): Promise<void> {
  const { result, text, sent } = await attempt(env, tool, args, tools);
  expect(result.isError, text).toBeFalsy();
  expect(sent).toBe(true);
}

describe("policy settings are validated at start", () => {
  it.each([
    [{ LITELLM_MCP_ALLOWED_MODELS: "a,,b" }, /LITELLM_MCP_ALLOWED_MODELS must be a comma-separated list/],
    [{ LITELLM_MCP_MAX_KEY_DURATION: "forever" }, /LITELLM_MCP_MAX_KEY_DURATION must be a positive number and a unit/],
    [{ LITELLM_MCP_MAX_KEY_DURATION: "30 days" }, /LITELLM_MCP_MAX_KEY_DURATION/],
    [{ LITELLM_MCP_MAX_KEY_DURATION: "0d" }, /LITELLM_MCP_MAX_KEY_DURATION/],
    [{ LITELLM_MCP_ALLOW_NO_EXPIRY: "yes" }, /LITELLM_MCP_ALLOW_NO_EXPIRY must be true or false/],
    [{ LITELLM_MCP_ALLOW_NO_EXPIRY: "true", LITELLM_MCP_MAX_KEY_DURATION: "30d" }, /LITELLM_MCP_ALLOW_NO_EXPIRY=true contradicts LITELLM_MCP_MAX_KEY_DURATION/],
    [{ LITELLM_MCP_MAX_BUDGET: "0" }, /LITELLM_MCP_MAX_BUDGET must be a positive amount/],
    [{ LITELLM_MCP_MAX_BUDGET: "ten" }, /LITELLM_MCP_MAX_BUDGET/],
    [{ LITELLM_MCP_MAX_BUDGET: "Infinity" }, /LITELLM_MCP_MAX_BUDGET/],
    [{ LITELLM_MCP_REQUIRE_BUDGET: "maybe" }, /LITELLM_MCP_REQUIRE_BUDGET must be true or false/],
    [{ LITELLM_MCP_READ_ONLY: "on" }, /LITELLM_MCP_READ_ONLY must be true or false/],
    [{ LITELLM_MCP_TOOLS: "list_models," }, /LITELLM_MCP_TOOLS must be a comma-separated list/],
    [{ LITELLM_MCP_RETRIES: "-1" }, /LITELLM_MCP_RETRIES must be a whole number/],
    [{ LITELLM_MCP_RETRY_MAX_WAIT_MS: "0" }, /LITELLM_MCP_RETRY_MAX_WAIT_MS must be a positive whole number/],
    [{ LITELLM_MCP_METADATA_FIELDS: "purpose,,team" }, /LITELLM_MCP_METADATA_FIELDS must be a comma-separated list/],
    // LiteLLM adds temp_budget_increase to a key's max_budget: no ceiling would hold.
    [{ LITELLM_MCP_METADATA_FIELDS: "temp_budget_increase", LITELLM_MCP_MAX_BUDGET: "5" }, /LITELLM_MCP_METADATA_FIELDS names temp_budget_increase, which LiteLLM adds to a key's max_budget, while LITELLM_MCP_MAX_BUDGET caps budgets/],
    [{ LITELLM_MCP_METADATA_FIELDS: "purpose,temp_budget_expiry", LITELLM_MCP_REQUIRE_BUDGET: "true" }, /temp_budget_expiry.*LITELLM_MCP_REQUIRE_BUDGET/],
  ])("%j fails naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    [{ LITELLM_MCP_TOOLS: "list_models,mint_key" }, /LITELLM_MCP_TOOLS names "mint_key", which is not a tool of this server/],
    [{ LITELLM_MCP_DISABLED_TOOLS: "delete_everything" }, /LITELLM_MCP_DISABLED_TOOLS names "delete_everything"/],
    [{ LITELLM_MCP_TOOLS: "generate_key", LITELLM_MCP_READ_ONLY: "true" }, /leave no tool enabled/],
  ])("%j: the server refuses to build", (env, message) => {
    expect(() => createServer(loadConfig(env))).toThrow(ConfigError);
    expect(() => createServer(loadConfig(env))).toThrow(message);
  });

  it("reads every setting", () => {
    const { policy } = loadConfig({
      LITELLM_MCP_ALLOWED_MODELS: " mock-gpt , mock-claude ",
      LITELLM_MCP_MAX_KEY_DURATION: "30d",
      LITELLM_MCP_MAX_BUDGET: "12.5",
      LITELLM_MCP_REQUIRE_BUDGET: "TRUE",
      LITELLM_MCP_READ_ONLY: "0",
      LITELLM_MCP_TOOLS: "generate_key,list_models",
      LITELLM_MCP_DISABLED_TOOLS: "list_models",
    });
    expect(policy).toEqual({
      allowedModels: ["mock-gpt", "mock-claude"],
      maxKeyDuration: { text: "30d", seconds: 30 * 86_400 },
      allowNoExpiry: false,
      maxBudget: 12.5,
      requireBudget: true,
      metadataFields: [],
      readOnly: false,
      tools: ["generate_key", "list_models"],
      disabledTools: ["list_models"],
    });
  });
});

describe("metadata: only the fields the operator lists", () => {
  it("refuses any field by default, and names the variable", async () => {
    const text = await refused({}, "generate_key", { ...key, metadata: { purpose: "ci" } });
    expect(text).toMatch(/metadata may carry no field at all, since the operator allows none, and "purpose" is not among them.*LITELLM_MCP_METADATA_FIELDS/);
  });

  it("takes the listed fields, whatever they hold, and refuses every other, however spelled", async () => {
    const env = { LITELLM_MCP_METADATA_FIELDS: "purpose" };
    await allowed(env, "generate_key", { ...key, metadata: { purpose: { temp_budget_increase: 1000 } } });
    for (const other of ["temp_budget_increase", "Temp_Budget_Increase", " purpose", "purpose\u200b", "model_rpm_limit"]) {
      expect(await refused(env, "generate_key", { ...key, metadata: { purpose: "ci", [other]: 1 } })).toContain(JSON.stringify(other));
    }
  });

  it("refuses metadata over 8 KB as JSON, counted without recursion", async () => {
    const env = { LITELLM_MCP_METADATA_FIELDS: "purpose" };
    const { result, text, sent } = await attempt(env, "generate_key", { ...key, metadata: { purpose: "x".repeat(9_000) } });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/metadata may take at most 8192 bytes/);
    expect(sent).toBe(false);
  });

  it("says at start-up which allowed fields LiteLLM acts on", () => {
    expect(policyNotices(loadConfig({ LITELLM_MCP_METADATA_FIELDS: "purpose,tags,guardrails" }).policy)).toEqual([
      "LITELLM_MCP_METADATA_FIELDS lets the assistant write tags, guardrails, which LiteLLM acts on (limits, guardrails, logging or routing of every call with the key, user or team), not only stores.",
    ]);
    expect(policyNotices(loadConfig({ LITELLM_MCP_METADATA_FIELDS: "purpose" }).policy)).toEqual([]);
  });
});

describe("allowed models", () => {
  const env = { LITELLM_MCP_ALLOWED_MODELS: "mock-gpt,mock-claude" };

  it("mints a key for a subset", async () => {
    await allowed(env, "generate_key", { ...key, models: ["mock-claude"] });
  });

  it("refuses any model outside the list, naming the variable and the model", async () => {
    const text = await refused(env, "generate_key", { ...key, models: ["mock-gpt", "gpt-4o"] });
    expect(text).toBe(
      'Refused by policy: keys may only be granted the models in LITELLM_MCP_ALLOWED_MODELS ("mock-gpt", "mock-claude"), and "gpt-4o" is not among them. Ask for allowed models only, or have the operator add it to LITELLM_MCP_ALLOWED_MODELS.',
    );
  });

  it("is listed in the tool's description so the assistant can comply up front", async () => {
    const bridge = await connect(env);
    const { tools } = await bridge.client.listTools();
    await bridge.close();
    expect(tools.find((t) => t.name === "generate_key")?.description).toMatch(/Operator policy: models must be chosen from "mock-gpt", "mock-claude"; duration is required/);
    expect(tools.find((t) => t.name === "list_models")?.description).not.toMatch(/policy/);
  });
});

describe("key expiry", () => {
  it("by default refuses a key without duration, saying what to pass or set", async () => {
    const { duration: _omitted, ...noExpiry } = key;
    const text = await refused({}, "generate_key", noExpiry);
    expect(text).toBe('Refused by policy: keys that never expire are not allowed here. Pass duration (e.g. "7d"), or have the operator set LITELLM_MCP_ALLOW_NO_EXPIRY=true.');
  });

  it("mints a key without expiry when the operator allows it", async () => {
    const { duration: _omitted, ...noExpiry } = key;
    await allowed({ LITELLM_MCP_ALLOW_NO_EXPIRY: "true" }, "generate_key", noExpiry);
  });

  const max = { LITELLM_MCP_MAX_KEY_DURATION: "30d" };
  it.each(["30d", "720h", "4w", "59m", "2592000s"])("with a 30d maximum, %s is allowed", async (duration) => {
    await allowed(max, "generate_key", { ...key, duration });
  });

  it.each(["31d", "721h", "5w", "1mo"])("with a 30d maximum, %s is refused", async (duration) => {
    const text = await refused(max, "generate_key", { ...key, duration });
    expect(text).toBe(
      `Refused by policy: keys may last at most 30d (LITELLM_MCP_MAX_KEY_DURATION), and "${duration}" is longer. Pass a shorter duration, or have the operator raise LITELLM_MCP_MAX_KEY_DURATION.`,
    );
  });

  it.each(["0s", "59s", "0d", "36501d", "99999999999d", "99999999999999999999d"])("whatever the policy, %s is no duration a key can have, and nothing is sent", async (duration) => {
    const { result, text, sent } = await attempt({}, "generate_key", { ...key, duration });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/duration/);
    expect(sent).toBe(false);
  });

  it("with a maximum, a key without duration is refused naming the maximum", async () => {
    const { duration: _omitted, ...noExpiry } = key;
    expect(await refused(max, "generate_key", noExpiry)).toMatch(/never expires, and keys may last at most 30d \(LITELLM_MCP_MAX_KEY_DURATION\)\. Pass duration/);
  });
});

describe("budget", () => {
  it("a max_budget up to LITELLM_MCP_MAX_BUDGET is allowed; above it is refused", async () => {
    await allowed({ LITELLM_MCP_MAX_BUDGET: "10" }, "generate_key", { ...key, max_budget: 10 });
    const text = await refused({ LITELLM_MCP_MAX_BUDGET: "10" }, "generate_key", { ...key, max_budget: 10.01 });
    expect(text).toBe(
      "Refused by policy: a key's max_budget may be at most 10 USD (LITELLM_MCP_MAX_BUDGET), and 10.01 is more. Pass a smaller max_budget, or have the operator raise LITELLM_MCP_MAX_BUDGET.",
    );
  });

  it("a maximum budget also refuses a key without one (unlimited spend)", async () => {
    expect(await refused({ LITELLM_MCP_MAX_BUDGET: "10" }, "generate_key", key)).toMatch(/without max_budget has unlimited spend.*at most 10 USD/);
  });

  it("LITELLM_MCP_REQUIRE_BUDGET requires a budget of any size", async () => {
    const text = await refused({ LITELLM_MCP_REQUIRE_BUDGET: "true" }, "generate_key", key);
    expect(text).toMatch(/every key needs a max_budget here \(LITELLM_MCP_REQUIRE_BUDGET\).*unset LITELLM_MCP_REQUIRE_BUDGET/);
    await allowed({ LITELLM_MCP_REQUIRE_BUDGET: "true" }, "generate_key", { ...key, max_budget: 1000 });
  });
});

describe("which tools exist", () => {
  /** What the server offers without LITELLM_MCP_TOOLSETS (test/unit/toolsets.test.ts covers the rest). */
  const byDefault = manifest.filter((t) => t.byDefault);
  it("read-only mode lists only tools annotated readOnlyHint", async () => {
    expect(await listedTools({ LITELLM_MCP_READ_ONLY: "true" })).toEqual([
      "check_health",
      "get_key_info",
      "get_model_info",
      "get_spend_logs",
      "get_team_info",
      "get_user_info",
      "list_keys",
      "list_models",
    ]);
    // The same set, read off the default tools' annotations rather than hard-coded alone.
    expect(await listedTools({ LITELLM_MCP_READ_ONLY: "true" })).toEqual(byDefault.filter((t) => t.annotations.readOnlyHint).map((t) => t.name).sort());
  });

  it("LITELLM_MCP_TOOLS is an allowlist and LITELLM_MCP_DISABLED_TOOLS a denylist", async () => {
    expect(await listedTools({ LITELLM_MCP_TOOLS: "list_models,proxy_completion" })).toEqual(["list_models", "proxy_completion"]);
    expect(await listedTools({ LITELLM_MCP_DISABLED_TOOLS: "generate_key" })).toEqual(byDefault.map((t) => t.name).filter((n) => n !== "generate_key").sort());
    expect(await listedTools({})).toHaveLength(16);
    expect(await listedTools({ LITELLM_MCP_DISABLED_TOOLS: "generate_key,delete_key" })).not.toContain("delete_key");
    expect(await listedTools({ LITELLM_MCP_TOOLS: "list_models,generate_key", LITELLM_MCP_DISABLED_TOOLS: "generate_key" })).toEqual(["list_models"]);
  });

  it("a disabled tool cannot be called: the protocol's unknown-tool error, and nothing is sent", async () => {
    nock.cleanAll();
    const scope = nock(TEST_HOST).post(/.*/).reply(200, {});
    const bridge = await connect({ LITELLM_MCP_READ_ONLY: "true" });
    await expect(bridge.call("generate_key", key)).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/generate_key not found/) });
    await bridge.close();
    expect(scope.isDone()).toBe(false);
  });
});

describe("rules follow argument names and annotations, not tool names", () => {
  const base = manifest.find((t) => t.name === "generate_key")!;
  const limited = z.strictObject({ key: z.string(), models: z.array(z.string()).optional(), duration: z.string().optional(), max_budget: z.number().nullable().optional() });
  // A future update_key: idempotent, so an omitted field means "unchanged", not "no limit".
  const updateKey: Tool = {
    ...base,
    name: "update_key",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    input: limited,
    buildRequest: (args) => ({ body: args }),
    // Argument rules only: these tools read nothing of LiteLLM's state around their write.
    aroundCalls: [],
    run: (_args, call) => call.write(),
  };
  // A future tool that creates something on each call, like generate_key.
  const createTeamKey: Tool = { ...updateKey, name: "create_team_key", annotations: { ...base.annotations } };
  const tools = [updateKey, createTeamKey];
  const env = { LITELLM_MCP_ALLOWED_MODELS: "mock-gpt", LITELLM_MCP_MAX_KEY_DURATION: "30d", LITELLM_MCP_MAX_BUDGET: "5" };

  it("an idempotent update may leave the limited fields out", async () => {
    await allowed(env, "update_key", { key: "sk-x" }, tools);
  });

  it("but what it does pass is held to the same limits", async () => {
    expect(await refused(env, "update_key", { key: "sk-x", models: ["gpt-4o"] }, tools)).toMatch(/LITELLM_MCP_ALLOWED_MODELS/);
    expect(await refused(env, "update_key", { key: "sk-x", duration: "90d" }, tools)).toMatch(/LITELLM_MCP_MAX_KEY_DURATION/);
    expect(await refused(env, "update_key", { key: "sk-x", max_budget: 6 }, tools)).toMatch(/LITELLM_MCP_MAX_BUDGET/);
    // An explicit null asks for no limit.
    expect(await refused(env, "update_key", { key: "sk-x", max_budget: null }, tools)).toMatch(/unlimited spend/);
    expect(await refused(env, "update_key", { key: "sk-x", models: [] }, tools)).toMatch(/may call every model/);
  });

  it("a creating tool that leaves a limited field out is refused", async () => {
    expect(await refused(env, "create_team_key", { key: "sk-x", models: ["mock-gpt"], duration: "1d" }, tools)).toMatch(/unlimited spend/);
    expect(await refused(env, "create_team_key", { key: "sk-x", duration: "1d", max_budget: 1 }, tools)).toMatch(/may call every model/);
    await allowed(env, "create_team_key", { key: "sk-x", models: ["mock-gpt"], duration: "1d", max_budget: 1 }, tools);
  });
});
