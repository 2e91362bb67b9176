// The operator's limits over everything the toolsets create, not only keys: each kind of holder (key, user,
// team, budget) has its own budget ceiling, ALLOWED_MODELS bounds every models list, a ceiling makes spend
// a total that no reset may refill, and nothing a tool does may lift a limit the policy requires. Every
// refusal names its variable and sends nothing; a call within the limits goes through.

import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { manifest } from "../../src/manifest/index.ts";
import { capture } from "../support/capture.ts";
import { TEST_HOST, connect, textOf } from "../support/connect.ts";
import { HEALTHY_ANSWERS, HealthyState, SAMPLE_CALLS, routeKey, routeOf } from "../support/healthy-litellm.ts";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Calls a tool of any toolset under `env`; returns its sentence and how many writes reached LiteLLM (reads a write makes first, or after, to check it, are not counted). */
async function attempt(env: Record<string, string>, tool: string, args: Record<string, unknown>) {
  nock.cleanAll();
  let sent = 0;
  const state = new HealthyState();
  const own = routeKey(manifest.find((t) => t.name === tool)!);
  const answer = (method: string) =>
    function (this: { req: { path: string } }, uri: string, body: unknown) {
      const route = routeOf(manifest, method, new URL(uri, TEST_HOST).pathname);
      // Writes sent: the tool's own operation, not the reads around it.
      if (route === own) sent++;
      return HEALTHY_ANSWERS[route]!((body ?? {}) as Record<string, unknown>, new URL(uri, TEST_HOST).searchParams, state) as object;
    };
  nock(TEST_HOST).persist().post(/.*/).reply(200, answer("POST")).patch(/.*/).reply(200, answer("PATCH")).get(/.*/).reply(200, answer("GET"));
  const bridge = await connect({ LITELLM_MCP_TOOLSETS: "all", ...env });
  const result = await bridge.call(tool, args);
  const { tools } = await bridge.client.listTools();
  await bridge.close();
  capture("policy-toolsets", result);
  return { result, text: textOf(result), sent, description: tools.find((t) => t.name === tool)?.description ?? "" };
}

async function refused(env: Record<string, string>, tool: string, args: Record<string, unknown>): Promise<string> {
  const { result, text, sent } = await attempt(env, tool, args);
  expect(result.isError, text).toBe(true);
  expect(text).toMatch(/^Refused by policy: /);
  expect(sent, "a refused call sends nothing upstream").toBe(0);
  return text;
}

async function allowed(env: Record<string, string>, tool: string, args: Record<string, unknown>): Promise<void> {
  const { result, text, sent } = await attempt(env, tool, args);
  expect(result.isError, text).toBeFalsy();
  expect(sent).toBe(1);
}

const MODELS = { LITELLM_MCP_ALLOWED_MODELS: "mock-gpt,mock-claude" };

describe("the new ceilings are validated at start", () => {
  it.each(["LITELLM_MCP_MAX_USER_BUDGET", "LITELLM_MCP_MAX_TEAM_BUDGET"])("%s must be a positive amount", (variable) => {
    expect(() => loadConfig({ [variable]: "0" })).toThrow(`${variable} must be a positive amount in USD`);
    expect(loadConfig({ [variable]: "12.5" }).policy).toMatchObject({ [variable === "LITELLM_MCP_MAX_USER_BUDGET" ? "maxUserBudget" : "maxTeamBudget"]: 12.5 });
  });
});

describe("LITELLM_MCP_ALLOWED_MODELS bounds users and teams as it bounds keys", () => {
  it.each(["create_user", "update_user", "create_team", "update_team"])("%s: a model outside the list is refused, a subset allowed", async (tool) => {
    const base = SAMPLE_CALLS[tool]!;
    const text = await refused(MODELS, tool, { ...base, models: ["mock-gpt", "gpt-4o"] });
    expect(text).toMatch(/may only be granted the models in LITELLM_MCP_ALLOWED_MODELS \("mock-gpt", "mock-claude"\), and "gpt-4o" is not among them/);
    await allowed(MODELS, tool, { ...base, models: ["mock-claude"] });
  });

  it.each(["create_user", "create_team"])("%s without models (every model) is refused", async (tool) => {
    const { models: _dropped, ...base } = SAMPLE_CALLS[tool]!;
    expect(await refused(MODELS, tool, base)).toMatch(/without a models list may call every model/);
  });

  it("add_model may not put a deployment behind a name keys are granted", async () => {
    const text = await refused(MODELS, "add_model", { ...SAMPLE_CALLS.add_model, model_name: "mock-gpt" });
    expect(text).toMatch(/"mock-gpt" is, or reads as, "mock-gpt" from LITELLM_MCP_ALLOWED_MODELS/);
    await allowed(MODELS, "add_model", { ...SAMPLE_CALLS.add_model, model_name: "gpt-4o-canary" });
  });
});

describe("each kind of holder has its own budget ceiling", () => {
  it.each([
    ["create_team", "LITELLM_MCP_MAX_TEAM_BUDGET", "a team's max_budget"],
    ["update_team", "LITELLM_MCP_MAX_TEAM_BUDGET", "a team's max_budget"],
    ["create_user", "LITELLM_MCP_MAX_USER_BUDGET", "a user's max_budget"],
    ["update_user", "LITELLM_MCP_MAX_USER_BUDGET", "a user's max_budget"],
    ["create_budget", "LITELLM_MCP_MAX_BUDGET", "a budget's max_budget"],
    ["update_budget", "LITELLM_MCP_MAX_BUDGET", "a budget's max_budget"],
  ])("%s is held to %s", async (tool, variable, what) => {
    const env = { [variable]: "100" };
    const text = await refused(env, tool, { ...SAMPLE_CALLS[tool], max_budget: 150 });
    expect(text).toContain(`${what} may be at most 100 USD (${variable}), and 150 is more`);
    await allowed(env, tool, { ...SAMPLE_CALLS[tool], max_budget: 100 });
  });

  it("a team budget is not a key budget: LITELLM_MCP_MAX_BUDGET leaves teams alone", async () => {
    await allowed({ LITELLM_MCP_MAX_BUDGET: "10" }, "create_team", { ...SAMPLE_CALLS.create_team, max_budget: 500 });
    expect(await refused({ LITELLM_MCP_MAX_TEAM_BUDGET: "400" }, "create_team", { ...SAMPLE_CALLS.create_team, max_budget: 500 })).toMatch(/LITELLM_MCP_MAX_TEAM_BUDGET/);
  });

  it("a member's budget in a team is a person's: LITELLM_MCP_MAX_USER_BUDGET", async () => {
    const env = { LITELLM_MCP_MAX_USER_BUDGET: "20" };
    expect(await refused(env, "add_team_member", { ...SAMPLE_CALLS.add_team_member, max_budget_in_team: 25 })).toContain(
      "a member's max_budget_in_team may be at most 20 USD (LITELLM_MCP_MAX_USER_BUDGET), and 25 is more",
    );
    await allowed(env, "add_team_member", { ...SAMPLE_CALLS.add_team_member, max_budget_in_team: 20 });
  });

  it("a budget may hold a key or a member, so the lower of the key and user ceilings bounds it", async () => {
    const env = { LITELLM_MCP_MAX_BUDGET: "50", LITELLM_MCP_MAX_USER_BUDGET: "30" };
    expect(await refused(env, "create_budget", { max_budget: 40 })).toMatch(/at most 30 USD \(LITELLM_MCP_MAX_USER_BUDGET\)/);
    await allowed(env, "create_budget", { max_budget: 30 });
  });

  it.each([
    ["create_team", { LITELLM_MCP_MAX_TEAM_BUDGET: "100" }],
    ["create_user", { LITELLM_MCP_MAX_USER_BUDGET: "100" }],
    ["create_budget", { LITELLM_MCP_MAX_BUDGET: "100" }],
    ["add_team_member", { LITELLM_MCP_MAX_USER_BUDGET: "100" }],
    ["create_team", { LITELLM_MCP_REQUIRE_BUDGET: "true" }],
    ["create_user", { LITELLM_MCP_REQUIRE_BUDGET: "true" }],
  ])("%s with no budget is refused where %j asks for one", async (tool, env) => {
    const { max_budget: _a, max_budget_in_team: _b, ...base } = SAMPLE_CALLS[tool]! as Record<string, unknown>;
    expect(await refused(env, tool, base)).toMatch(/without max_budget has unlimited spend|without max_budget_in_team may spend all of the team's budget|needs a max_budget(_in_team)? here/);
  });

  it("an update that leaves the budget out leaves it unchanged, which no ceiling refuses", async () => {
    await allowed({ LITELLM_MCP_MAX_TEAM_BUDGET: "100" }, "update_team", { team_id: "team-a", team_alias: "Renamed" });
  });
});

describe("a ceiling is a total: nothing may refill it", () => {
  it.each([
    ["create_team", { LITELLM_MCP_MAX_TEAM_BUDGET: "100" }],
    ["update_user", { LITELLM_MCP_MAX_USER_BUDGET: "100" }],
    ["add_team_member", { LITELLM_MCP_MAX_USER_BUDGET: "100" }],
    ["create_budget", { LITELLM_MCP_MAX_BUDGET: "100" }],
  ])("%s may not set budget_duration under %j", async (tool, env) => {
    const args = { ...SAMPLE_CALLS[tool], max_budget: 50, budget_duration: "30d" } as Record<string, unknown>;
    if (tool === "add_team_member") Object.assign(args, { max_budget_in_team: 50, max_budget: undefined });
    expect(await refused(env, tool, JSON.parse(JSON.stringify(args)))).toMatch(/budget_duration/);
  });

  it("budget_duration is fine where no ceiling applies to that kind of holder", async () => {
    await allowed({ LITELLM_MCP_MAX_BUDGET: "10" }, "create_team", { ...SAMPLE_CALLS.create_team, budget_duration: "30d" });
  });

  it("reset_key_spend refills a key's budget: refused while LITELLM_MCP_MAX_BUDGET is set", async () => {
    expect(await refused({ LITELLM_MCP_MAX_BUDGET: "50" }, "reset_key_spend", { key: "sk-x", reset_to: 0 })).toMatch(/LITELLM_MCP_MAX_BUDGET/);
    await allowed({}, "reset_key_spend", { key: "sk-x", reset_to: 0 });
  });

  it("delete_budget would leave what used the budget without that limit: refused while a budget ceiling or REQUIRE_BUDGET holds", async () => {
    for (const env of [{ LITELLM_MCP_MAX_BUDGET: "50" }, { LITELLM_MCP_MAX_USER_BUDGET: "50" }, { LITELLM_MCP_REQUIRE_BUDGET: "true" }] as Record<string, string>[]) {
      expect(await refused(env, "delete_budget", { budget_id: "b-standard" })).toMatch(/delete_budget|unlinks/);
    }
    await allowed({ LITELLM_MCP_MAX_TEAM_BUDGET: "50" }, "delete_budget", { budget_id: "b-standard" });
  });
});

describe("what the assistant is told", () => {
  it("each tool's description states the limits that apply to its kind of holder", async () => {
    const env = { LITELLM_MCP_MAX_TEAM_BUDGET: "500", LITELLM_MCP_MAX_USER_BUDGET: "50", LITELLM_MCP_ALLOWED_MODELS: "mock-gpt" };
    expect((await attempt(env, "create_team", SAMPLE_CALLS.create_team!)).description).toMatch(/Operator policy: .*max_budget is required, at most 500 USD/);
    expect((await attempt(env, "create_user", SAMPLE_CALLS.create_user!)).description).toMatch(/Operator policy: .*max_budget is required, at most 50 USD/);
  });

  it("every tool that takes a limit names whose limit it is, so the policy knows which ceiling applies", () => {
    const limited = manifest.filter((tool) => ["models", "max_budget", "max_budget_in_team", "budget_duration", "reset_to"].some((f) => f in tool.input.shape));
    expect(limited.filter((tool) => tool.limits === undefined).map((tool) => tool.name)).toEqual([]);
    // Every route the suite above may call has a healthy answer.
    for (const tool of limited) expect(HEALTHY_ANSWERS[routeKey(tool)], tool.name).toBeDefined();
  });
});
