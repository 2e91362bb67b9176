// An admin's day through the toolsets, on a real LiteLLM with its database, through the built server over
// stdio with LITELLM_MCP_TOOLSETS=all: onboard a team (a team with a budget, its people, keys for them, a
// completion, the usage report showing it), run a model and a budget, then offboard everyone — checking on
// the way that each destructive tool takes with it what its description says. Every answer is checked
// against the tool's outputSchema (ajv); neither the master key nor a provider key appears anywhere.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";
import { DB_MODELS, liteLLMAdmin } from "../support/db-proxy.ts";

const proxy = inject("dbProxy");

const [ALPHA] = DB_MODELS;
const hello = [{ role: "user", content: "Say hello" }];

/** "YYYY-MM-DD" in UTC, days from today. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Asks again until `ready` holds: LiteLLM writes spend and daily activity in batches, seconds later. */
async function eventually<T>(ask: () => Promise<T>, ready: (value: T) => boolean, what: string, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await ask();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds} s; last answer: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface KeyRow {
  token: string | null;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
}
interface Spender {
  id: string;
  label: string | null;
  spend: number;
  requests: number;
}
interface Report {
  total: { spend: number; requests: number };
  days: { date: string; requests: number; top: Spender[] }[];
  top: Spender[];
  complete: boolean;
}

describe.skipIf(!proxy)("onboarding and offboarding a team with the toolsets, on a real LiteLLM with its database", () => {
  const run = randomBytes(4).toString("hex");
  const teamId = `db-onboard-team-${run}`;
  const ana = `db-ana-${run}`;
  const bo = `db-bo-${run}`;
  const newcomer = `db-new-${run}@example.com`;
  const credential = `db-cred-${run}`;
  const providerKey = `sk-provider-${run}-never-shown`;
  const modelName = `db-gamma-${run}`;
  const budgetId = `db-budget-${run}`;
  let server: CheckedServer;
  let newcomerId: string;
  const keys: Record<string, { key: string; token: string }> = {};

  beforeAll(async () => {
    server = await startCheckedServer({ LITELLM_HOST: proxy!.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all" });
    // A provider credential is stored by the operator, never through a tool: LiteLLM merges its values into
    // the deployment's parameters, so the mock reply makes the model answer without leaving loopback.
    const stored = await liteLLMAdmin(proxy!, "POST", "/credentials", {
      credential_name: credential,
      credential_values: { api_key: providerKey, mock_response: "gamma says hello" },
      credential_info: { custom_llm_provider: "openai" },
    });
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
    if (!server) return;
    capture("db-onboarding", server.emitted());
    expect(leaksCanary(server.emitted())).toBe(false);
    expect(server.emitted()).not.toContain(providerKey);
    expect(server.emitted()).not.toContain(providerKey.slice(-12));
  });

  /** Mints a key for a user through generate_key and remembers it with its hash. */
  async function mint(name: string, args: Record<string, unknown>) {
    const minted = await server.answer<{ key: string }>("generate_key", { duration: "1h", key_alias: `db-${name}-${run}`, ...args });
    const rows = await server.answer<{ keys: KeyRow[] }>("list_keys", { key_alias: `db-${name}-${run}` });
    keys[name] = { key: minted.key, token: rows.keys[0]!.token! };
  }

  async function teamKeys(): Promise<string[]> {
    const { keys: rows } = await server.answer<{ keys: KeyRow[] }>("list_keys", { team_id: teamId });
    return rows.map((row) => row.key_alias!).sort();
  }

  it("create_team: a team with one budget for all its keys", async () => {
    const team = await server.answer("create_team", { team_alias: `Onboarding ${run}`, team_id: teamId, models: [ALPHA.name], max_budget: 5, budget_duration: "30d" });
    expect(team).toMatchObject({ team_id: teamId, models: [ALPHA.name], max_budget: 5, budget_duration: "30d", spend: 0, blocked: false });
    // LiteLLM makes the caller (for the master key, default_user_id) the team's first admin.
    expect(team.members_count).toBe(1);
    expect(await server.answer("update_team", { team_id: teamId, max_budget: 6 })).toMatchObject({ team_id: teamId, max_budget: 6 });
  });

  it("create_user, update_user, list_users: two people, and LiteLLM mints them no key on the side", async () => {
    for (const id of [ana, bo]) {
      const user = await server.answer("create_user", { user_id: id, user_email: `${id}@example.com`, models: [ALPHA.name], max_budget: 2 });
      expect(user).toMatchObject({ user_id: id, models: [ALPHA.name], max_budget: 2 });
      const info = await server.answer<{ keys: unknown[] }>("get_user_info", { user_id: id });
      expect(info.keys).toEqual([]);
    }
    expect(await server.answer("update_user", { user_id: ana, user_alias: "Ana" })).toMatchObject({ user_id: ana, user_alias: "Ana", max_budget: 2 });
    const listed = await server.answer<{ users: { user_id: string }[] }>("list_users", { search: run });
    expect(listed.users.map((u) => u.user_id).sort()).toEqual([ana, bo]);
    // The admin role would make every key of the user an admin key: refused before LiteLLM is asked.
    expect(await server.failure("create_user", { user_id: `db-admin-${run}`, user_role: "proxy_admin" })).toMatch(/user_role/);
  });

  it("add_team_member: the two people, and a newcomer by email, whom LiteLLM makes a user", async () => {
    const added = await server.answer<{ added: { user_id: string; user_email: string | null }[]; members_count: number }>("add_team_member", {
      team_id: teamId,
      members: [{ user_id: ana }, { user_id: bo }, { user_email: newcomer }],
      max_budget_in_team: 1,
    });
    expect(added.members_count).toBe(4);
    newcomerId = added.added.find((u) => u.user_email === newcomer)!.user_id;
    expect(newcomerId).toBeTruthy();
    const teams = await server.answer<{ teams: { team_id: string; members_count: number }[] }>("list_teams", { team_alias: `Onboarding ${run}` });
    expect(teams.teams).toEqual([expect.objectContaining({ team_id: teamId, members_count: 4 })]);
  });

  it("generate_key for the members, a completion, and the usage report shows it by user, team, key and model", async () => {
    await mint("ana-team", { user_id: ana, team_id: teamId, models: [ALPHA.name] });
    await mint("bo-team", { user_id: bo, team_id: teamId, models: [ALPHA.name] });
    await mint("bo-own", { user_id: bo, models: [ALPHA.name] });
    await mint("newcomer-team", { user_id: newcomerId, team_id: teamId, models: [ALPHA.name] });
    const reply = await server.answer<{ text: string }>("proxy_completion", { model: ALPHA.name, messages: hello, key: keys["ana-team"]!.key });
    expect(reply.text).toBe(ALPHA.reply);

    const range = { start_date: day(-1), end_date: day(1) };
    const byUser = await eventually(
      () => server.answer<Report>("get_usage_report", { ...range, group_by: "user", user_id: ana }),
      (report) => report.total.requests >= 1,
      "ana's completion in the daily activity",
    );
    expect(byUser.top[0]).toMatchObject({ id: ana, label: `${ana}@example.com`, requests: 1 });
    expect(byUser.top[0]!.spend).toBeGreaterThan(0);
    expect(byUser.days.map((d) => d.date)).toContain(day(0));

    const byTeam = await server.answer<Report>("get_usage_report", { ...range, group_by: "team" });
    expect(byTeam.top.find((s) => s.id === teamId)).toMatchObject({ requests: 1 });
    const byKey = await server.answer<Report>("get_usage_report", { ...range, group_by: "key", key: keys["ana-team"]!.key });
    expect(byKey.top).toEqual([expect.objectContaining({ id: keys["ana-team"]!.token, label: `db-ana-team-${run}`, requests: 1 })]);
    const byModel = await server.answer<Report>("get_usage_report", { ...range, group_by: "model", user_id: ana });
    expect(byModel.top).toEqual([expect.objectContaining({ id: ALPHA.name, requests: 1 })]);
  });

  it("reset_key_spend gives the key its budget back; LiteLLM says what it was", async () => {
    const spent = await eventually(
      () => server.answer<{ info: { spend: number | null } }>("get_key_info", { key: keys["ana-team"]!.key }),
      (info) => (info.info?.spend ?? 0) > 0,
      "the key's spend",
    );
    const reset = await server.answer<{ token: string; spend: number; previous_spend: number }>("reset_key_spend", { key: keys["ana-team"]!.key, reset_to: 0 });
    expect(reset).toMatchObject({ token: keys["ana-team"]!.token, spend: 0, previous_spend: spent.info.spend });
    expect(await server.failure("reset_key_spend", { key: keys["ana-team"]!.key, reset_to: 1 })).toMatch(/must be <= current spend/);
  });

  it("budgets: create, read, list, update; deleting one unlinks the key using it, as delete_budget says", async () => {
    expect(await server.answer("create_budget", { budget_id: budgetId, max_budget: 3, budget_duration: "30d", rpm_limit: 10 })).toMatchObject({ budget_id: budgetId, max_budget: 3 });
    expect(await server.answer("get_budget", { budget_ids: [budgetId, `db-none-${run}`] })).toMatchObject({ budgets: [{ budget_id: budgetId }], missing: [`db-none-${run}`] });
    const listed = await server.answer<{ budgets: { budget_id: string }[]; truncated: boolean }>("list_budgets", {});
    if (!listed.truncated) expect(listed.budgets.map((b) => b.budget_id)).toContain(budgetId);
    expect(await server.answer("update_budget", { budget_id: budgetId, max_budget: 4 })).toMatchObject({ budget_id: budgetId, max_budget: 4 });

    // No tool attaches budgets; LiteLLM's own route does, to see what deleting one does to its holder.
    const holder = await liteLLMAdmin(proxy!, "POST", "/key/generate", { key_alias: `db-budget-holder-${run}`, budget_id: budgetId, models: [ALPHA.name], duration: "1h" });
    expect(holder.status, JSON.stringify(holder.body)).toBe(200);
    const holderKey = (holder.body as { key: string }).key;
    const linked = async () => ((await liteLLMAdmin(proxy!, "GET", `/key/info?key=${encodeURIComponent(holderKey)}`)).body as { info: { budget_id: unknown } }).info.budget_id;
    expect(await linked()).toBe(budgetId);
    expect(await server.answer("delete_budget", { budget_id: budgetId })).toMatchObject({ deleted: { budget_id: budgetId, max_budget: 4 } });
    expect(await linked()).toBeNull();
    // LiteLLM answers an unknown budget with 200 and null; the tool says nothing changed.
    expect(await server.failure("delete_budget", { budget_id: budgetId })).toBe(`LiteLLM has no budget "${budgetId}", so nothing changed. list_budgets shows the budgets there are.`);
    expect(await server.failure("update_budget", { budget_id: budgetId, max_budget: 1 })).toMatch(/^LiteLLM has no budget/);
    await server.answer("delete_key", { keys: [holderKey] });
  });

  it("models: a deployment on a stored credential answers, is re-pointed and removed; no provider key is ever shown", async () => {
    expect(await server.failure("add_model", { model_name: modelName, model: "openai/gpt-4o-mini", litellm_credential_name: credential, api_key: providerKey })).toMatch(
      /never passed to this tool \(api_key\)/,
    );
    const added = await server.answer<{ model_id: string; model_name: string }>("add_model", { model_name: modelName, model: "openai/gpt-4o-mini", litellm_credential_name: credential, rpm: 100 });
    expect(added.model_name).toBe(modelName);

    const info = await server.answer<{ models: { id: string; model_name: string }[] }>("get_model_info", { model: modelName });
    expect(info.models).toEqual([expect.objectContaining({ id: added.model_id, model_name: modelName })]);

    // generate_key mints only for a user LiteLLM has.
    await server.answer("create_user", { user_id: `db-gamma-user-${run}`, models: [modelName] });
    await mint("gamma", { user_id: `db-gamma-user-${run}`, models: [modelName] });
    const answered = await server.answer<{ text: string }>("proxy_completion", { model: modelName, messages: hello, key: keys.gamma!.key });
    expect(answered.text).toBe("gamma says hello");

    expect(await server.answer("update_model", { model_id: added.model_id, rpm: 50 })).toEqual({ model_id: added.model_id, model_name: modelName });
    expect(await server.failure("update_model", { model_id: added.model_id, litellm_credential_name: `db-no-such-cred-${run}` })).toMatch(/Credential .* not found/);

    expect(await server.answer("delete_model", { model_id: added.model_id })).toEqual({ deleted: added.model_id, model_name: modelName, deployments_left: 0 });
    // The key still lists the name; calling it now fails, as delete_model's description says.
    const keyInfo = await server.answer<{ info: { models: string[] } }>("get_key_info", { key: keys.gamma!.key });
    expect(keyInfo.info.models).toEqual([modelName]);
    await eventually(
      () => server.call("proxy_completion", { model: modelName, messages: hello, key: keys.gamma!.key }),
      (result) => result.isError === true,
      "the deleted model refusing calls",
    );
    expect(await server.failure("delete_model", { model_id: added.model_id })).toMatch(/^LiteLLM has no deployment with id/);
  });

  it("remove_team_member: the member's team keys go, their own key and the user stay", async () => {
    const removed = await server.answer("remove_team_member", { team_id: teamId, user_id: bo });
    expect(removed).toEqual({ team_id: teamId, removed: bo, keys_deleted: 1, members_count: 3 });
    expect(await teamKeys()).toEqual([`db-ana-team-${run}`, `db-newcomer-team-${run}`]);
    const own = await server.answer<{ keys: KeyRow[] }>("list_keys", { user_id: bo });
    expect(own.keys.map((k) => k.key_alias)).toEqual([`db-bo-own-${run}`]);
  });

  it("delete_user: a user goes with every key they own, their team key included", async () => {
    expect(await server.answer("delete_user", { user_ids: [ana, bo] })).toEqual({ deleted: [ana, bo], count: 2 });
    expect(await teamKeys()).toEqual([`db-newcomer-team-${run}`]);
    expect((await server.answer<{ keys: KeyRow[] }>("list_keys", { user_id: bo })).keys).toEqual([]);
    expect(await server.failure("delete_user", { user_ids: [ana] })).toMatch(/HTTP 404.*User not found/);
  });

  it("delete_team: the team goes with its keys; its members stay users", async () => {
    expect(await server.answer("delete_team", { team_ids: [teamId] })).toEqual({ deleted: [teamId] });
    expect(await teamKeys()).toEqual([]);
    expect(await server.failure("get_team_info", { team_id: teamId })).toMatch(/HTTP 404/);
    expect(await server.answer("get_user_info", { user_id: newcomerId })).toMatchObject({ user_id: newcomerId, keys: [] });
    await server.answer("delete_user", { user_ids: [newcomerId] });
    await server.answer("delete_key", { keys: [keys.gamma!.key] });
  });

  it("called every tool of every toolset", () => {
    const toolsetTools = manifest.filter((tool) => !tool.byDefault).map((tool) => tool.name);
    expect(toolsetTools.filter((name) => !server.called.has(name))).toEqual([]);
  });
});
