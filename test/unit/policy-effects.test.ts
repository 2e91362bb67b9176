// generate_key judged by what LiteLLM will make of it (src/policy/effects.ts), with LiteLLM's state answered by
// nock: the user, team and models are read first and anything the key must not carry is refused before the
// write; a key LiteLLM minted otherwise than asked is deleted again. test/db/policy-effects.test.ts does the
// same on a real proxy.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { KEY_ROUTES } from "../../src/policy/effects.ts";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { generatedKey, HASHED_TOKEN } from "../support/litellm-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";
import { keyHolderReads } from "../support/nock-state.ts";

const bridge = useBridge({ LITELLM_MCP_MAX_BUDGET: "5" });
const key = { models: ["mock-gpt"], user_id: "u-1", duration: "1h", max_budget: 5 };

/** Calls generate_key; the nock scopes in each test say which reads it makes, and pendingMocks that it wrote nothing else. */
async function refusal(args: Record<string, unknown> = key): Promise<string> {
  const result = await bridge().call("generate_key", args);
  expect(result.isError).toBe(true);
  return textOf(result);
}

describe("generate_key reads LiteLLM's state first and refuses before writing", () => {
  it("a user LiteLLM does not have", async () => {
    keyHolderReads({ userId: "u-1", role: "missing" }, asMaster);
    expect(await refusal()).toMatch(/^LiteLLM has no user "u-1", so a key for it would answer to no user's budget/);
  });

  it.each(["proxy_admin", "proxy_admin_viewer", "org_admin", "team", "customer"])("a user with role %s: the key would carry it", async (role) => {
    keyHolderReads({ userId: "u-1", role, served: false }, asMaster);
    expect(await refusal()).toBe(
      `Refused by policy: "u-1" has LiteLLM's role ${role}, and a key carries its user's role, so it could do what a ${role} does. Keys are handed out only for users with role internal_user or internal_user_viewer.`,
    );
  });

  it("an answer about another user than the one asked for (a key for \"alice \" belongs to no user \"alice\")", async () => {
    nock(TEST_HOST, asMaster)
      .get("/user/info")
      .query({ user_id: "alice " })
      .reply(200, { user_id: "alice", user_info: { user_id: "alice", user_role: "internal_user" } });
    expect(await refusal({ ...key, user_id: "alice " })).toMatch(/^LiteLLM's answer did not say the role of user "alice " \(its answer was about "alice"\).*nothing was changed/);
  });

  it("a team LiteLLM does not have", async () => {
    keyHolderReads({ userId: "u-1", teamId: "t-none", teamAdmins: "missing" }, asMaster);
    expect(await refusal({ ...key, team_id: "t-none" })).toMatch(/^LiteLLM has no team "t-none"/);
  });

  it("a team whose admin the user is (default_user_id administers every team the master key creates)", async () => {
    keyHolderReads({ userId: "default_user_id", teamId: "t-1", teamAdmins: ["default_user_id"], served: false }, asMaster);
    expect(await refusal({ ...key, user_id: "default_user_id", team_id: "t-1" })).toMatch(/^Refused by policy: "default_user_id" is an admin of team "t-1" in LiteLLM/);
  });

  it("a model the proxy does not serve, naming what it does", async () => {
    keyHolderReads({ userId: "u-1", served: ["mock-gpt", "mock-claude"] }, asMaster);
    expect(await refusal({ ...key, models: ["mock-gpt", "gpt-5"] })).toBe(
      'LiteLLM serves no model named "gpt-5" (for the key this server sends), so a key limited to it could not call it. It serves "mock-gpt", "mock-claude"; list_models shows them all.',
    );
  });

  it("a model matching a pattern the proxy serves is served", async () => {
    keyHolderReads({ userId: "u-1", served: ["openai/*"] }, asMaster);
    nock(TEST_HOST, asMaster).post("/key/generate").reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));
    const result = await bridge().call("generate_key", { ...key, models: ["openai/gpt-4o-mini"] });
    expect(result.isError, textOf(result)).toBeFalsy();
  });
});

describe("generate_key checks LiteLLM's answer, and undoes a key minted otherwise than asked", () => {
  it.each([
    ["without the route limit", { allowed_routes: [], key_type: "default" }, /it may call every route its user's role allows/],
    ["with LiteLLM's LLM route group instead", { allowed_routes: ["llm_api_routes"], key_type: "llm_api" }, /its allowed_routes are "llm_api_routes", not exactly/],
    ["with one route more", { allowed_routes: [...KEY_ROUTES, "/v1/files"] }, /its allowed_routes are .*"\/v1\/files", not exactly/],
    ["with a wildcard in place of a route", { allowed_routes: [...KEY_ROUTES.slice(1), "/chat/*"] }, /its allowed_routes are .*"\/chat\/\*", not exactly/],
    ["with every model", { models: [] }, /it may call every model/],
    ["with a larger budget", { max_budget: 50 }, /it may spend 50 USD, more than 5 USD \(LITELLM_MCP_MAX_BUDGET\)/],
    ["with a temp_budget_increase", { metadata: { temp_budget_increase: 10, temp_budget_expiry: "2099-01-01T00:00:00Z" } }, /it may spend 15 USD \(its max_budget plus a temp_budget_increase/],
    ["with a resetting budget", { budget_duration: "1d" }, /its spend resets every 1d/],
    ["that never expires", { expires: null }, /it never expires/],
  ])("a key %s is deleted again", async (_case, changed, message) => {
    let deleted: unknown;
    keyHolderReads({ userId: "u-1" }, asMaster);
    nock(TEST_HOST, asMaster)
      .post("/key/generate")
      .reply(200, (_uri, body) => ({ ...generatedKey(body as Record<string, unknown>), ...changed }));
    nock(TEST_HOST, asMaster)
      .post("/key/delete", (body) => ((deleted = body), true))
      .reply(200, { deleted_keys: [HASHED_TOKEN] });
    const text = await refusal();
    expect(text).toMatch(/^Refused by policy: LiteLLM minted the key otherwise than asked: /);
    expect(text).toMatch(message);
    expect(text).toMatch(/; the key was deleted again\.$/);
    expect(text).not.toContain("sk-minted");
    expect(deleted).toEqual({ keys: [HASHED_TOKEN] });
  });

  it("says so when the undo itself fails", async () => {
    keyHolderReads({ userId: "u-1" }, asMaster);
    nock(TEST_HOST, asMaster).post("/key/generate").reply(200, (_uri, body) => ({ ...generatedKey(body as Record<string, unknown>), allowed_routes: [] }));
    nock(TEST_HOST, asMaster).post("/key/delete").reply(500, { error: { message: "database is down" } });
    expect(await refusal()).toMatch(/undoing it failed \(LiteLLM failed with HTTP 500.*\), so have an admin remove it\.$/);
  });
});

describe("nothing widens a minted key's routes afterwards", () => {
  // The route limit is set once, by generate_key; no tool takes a field that would change it, its key_type
  // (LiteLLM turns one into a route group) or what LiteLLM reads as pass-through permissions.
  it.each([
    ["update_key", { key: HASHED_TOKEN, allowed_routes: ["llm_api_routes"] }],
    ["update_key", { key: HASHED_TOKEN, key_type: "llm_api" }],
    ["update_key", { key: HASHED_TOKEN, allowed_passthrough_routes: ["/openai"] }],
    ["update_key", { key: HASHED_TOKEN, permissions: { get_spend_routes: true } }],
    ["regenerate_key", { key: HASHED_TOKEN, duration: "1h", max_budget: 1, models: ["mock-gpt"], allowed_routes: ["/openai"] }],
    ["regenerate_key", { key: HASHED_TOKEN, duration: "1h", max_budget: 1, models: ["mock-gpt"], key_type: "llm_api" }],
    ["generate_key", { ...key, allowed_routes: ["llm_api_routes"] }],
    ["generate_key", { ...key, key_type: "llm_api" }],
  ])("%s refuses %j before sending anything", async (tool, args) => {
    const result = await bridge().call(tool, args);
    expect(result.isError).toBe(true);
    const field = Object.keys(args).at(-1)!;
    expect(textOf(result)).toContain(field);
  });

  it("update_key's metadata may not carry allowed_passthrough_routes unless the operator allows that field", async () => {
    const result = await bridge().call("update_key", { key: HASHED_TOKEN, metadata: { allowed_passthrough_routes: ["/openai"] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Refused by policy: metadata may carry no field at all.*"allowed_passthrough_routes"/);
  });
});
