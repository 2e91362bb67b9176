// Every tool the server lists, through the built server over stdio, against a real LiteLLM with its database,
// in the order an admin would use them: a user and a team (made with LiteLLM's own API: no tool makes them),
// a key for them, calls under it, blocking, updating, spend, listings, health, a spent budget, deletion.
// Each answer is checked against the tool's outputSchema; the master key must appear nowhere.

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DB_MODELS, dbProxyLog, liteLLMAdmin, shimErrorsSince } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");

const [ALPHA, BETA] = DB_MODELS;
const hello = [{ role: "user", content: "Say hello" }];

/** "YYYY-MM-DD", days from today (UTC): a range around today catches every call this run makes. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

interface KeyInfo {
  status: string | null;
  deleted_at: string | null;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  models: string[] | null;
  spend: number | null;
  max_budget: number | null;
  expires: string | null;
  blocked: boolean | null;
  metadata: Record<string, unknown> | null;
}

interface SpendLog {
  model: string | null;
  user: string | null;
  team_id: string | null;
  key_alias: string | null;
  spend: number | null;
  status: string | null;
  request_tags: string[] | null;
}

describe.skipIf(!proxy)("a key's whole life through the bridge, on a real LiteLLM with its database", () => {
  const run = randomBytes(4).toString("hex");
  const userId = `db-user-${run}`;
  const alias = `db-key-${run}`;
  let teamId: string;
  // The operator lets the assistant write one free-form metadata field.
  const bridge = useDbServer("db-key-lifecycle", proxy, { LITELLM_MCP_METADATA_FIELDS: "purpose" });
  let key: string;
  let logFrom: number;
  /** Every completion tried under the key: LiteLLM logs refused ones too, as failures that spent nothing. */
  const tried: { model: string; status: "success" | "failure" }[] = [];

  beforeAll(async () => {
    logFrom = dbProxyLog(proxy!).length;
    // auto_create_key: LiteLLM would otherwise give the user a key of its own, besides the one minted below.
    const user = await liteLLMAdmin(proxy!, "POST", "/user/new", { user_id: userId, user_email: `${userId}@example.com`, max_budget: 10, auto_create_key: false });
    expect(user.status, JSON.stringify(user.body)).toBe(200);
    const team = await liteLLMAdmin(proxy!, "POST", "/team/new", { team_alias: `db-team-${run}`, max_budget: 50 });
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    teamId = (team.body as { team_id: string }).team_id;
  });

  /** A completion under the key, which must succeed. */
  async function complete(model: string) {
    const result = await bridge().call("proxy_completion", { model, messages: hello, key });
    tried.push({ model, status: result.isError ? "failure" : "success" });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as { text: string; model: string; finish_reason: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
  }

  /** A completion under the key, which must be refused; its sentence. */
  async function refused(model: string) {
    tried.push({ model, status: "failure" });
    return bridge().failure("proxy_completion", { model, messages: hello, key });
  }

  it("lists every tool of the manifest", () => {
    expect(bridge().tools).toHaveLength(16);
  });

  it("generate_key mints a key for the user and team, limited to one model, expiring in an hour, with a budget", async () => {
    const before = Date.now();
    const minted = await bridge().answer<{ key: string; key_alias: string; expires: string; models: string[]; user_id: string; team_id: string; max_budget: number }>(
      "generate_key",
      { models: [ALPHA.name], user_id: userId, team_id: teamId, duration: "1h", max_budget: 5, key_alias: alias, metadata: { purpose: "db suite" } },
    );
    key = minted.key;
    expect(minted).toMatchObject({ key_alias: alias, models: [ALPHA.name], user_id: userId, team_id: teamId, max_budget: 5 });
    expect(key).toMatch(/^sk-/);
    const expiresIn = Date.parse(minted.expires) - before;
    expect(expiresIn).toBeGreaterThan(55 * 60_000);
    expect(expiresIn).toBeLessThan(65 * 60_000);
  });

  it("get_key_info describes the new key: active, unspent, as minted", async () => {
    const { info } = await bridge().answer<{ info: KeyInfo }>("get_key_info", { key });
    expect(info).toMatchObject({ status: "active", deleted_at: null, key_alias: alias, user_id: userId, team_id: teamId, models: [ALPHA.name], spend: 0, max_budget: 5 });
    expect(info.metadata).toMatchObject({ purpose: "db suite" });
    expect(info.blocked).not.toBe(true);
  });

  it("list_models names the proxy's models, the ones the key may call among them", async () => {
    const { models } = await bridge().answer<{ models: { id: string }[] }>("list_models", {});
    expect(models.map((m) => m.id).sort()).toEqual([...proxy!.models, proxy!.unhealthyModel].sort());
  });

  it("proxy_completion under the minted key answers with the model's reply and usage", async () => {
    const answer = await complete(ALPHA.name);
    expect(answer).toMatchObject({ text: ALPHA.reply, model: ALPHA.name, finish_reason: "stop" });
    expect(answer.usage.total_tokens).toBe(answer.usage.prompt_tokens + answer.usage.completion_tokens);
  });

  it("proxy_completion on a model outside the key's list is refused, naming the model", async () => {
    const text = await refused(BETA.name);
    expect(text).toBe(`The virtual key given in "key" may not call model "${BETA.name}" (HTTP 403): get_key_info lists the models it may call.`);
  });

  it("block_key blocks the key: its completions are refused, saying it is blocked", async () => {
    const state = await bridge().answer("block_key", { key });
    expect(state).toEqual({ key_alias: alias, key_name: expect.stringMatching(/^sk-\.\.\..{4}$/), user_id: userId, team_id: teamId, blocked: true });
    const text = await refused(ALPHA.name);
    expect(text).toBe('The virtual key given in "key" is blocked (HTTP 401): LiteLLM refuses its calls until an admin unblocks it (unblock_key).');
    expect((await bridge().answer<{ info: KeyInfo }>("get_key_info", { key })).info.blocked).toBe(true);
  });

  it("unblock_key lets the key through again", async () => {
    expect(await bridge().answer("unblock_key", { key })).toMatchObject({ key_alias: alias, blocked: false });
    expect((await complete(ALPHA.name)).text).toBe(ALPHA.reply);
  });

  it("update_key changes models, budget and metadata in place: the key may now call the second model", async () => {
    const updated = await bridge().answer("update_key", { key, models: [ALPHA.name, BETA.name], max_budget: 6, metadata: { purpose: "updated" } });
    expect(updated).toMatchObject({ key_alias: alias, models: [ALPHA.name, BETA.name], max_budget: 6, metadata: { purpose: "updated" } });
    expect(await complete(BETA.name)).toMatchObject({ text: BETA.reply, model: BETA.name });
  });

  it("get_spend_logs shows each call once LiteLLM has written it, refusals included, under the model names callers use", async () => {
    const query = { start_date: day(-1), end_date: day(1), key };
    let logs: SpendLog[] = [];
    // LiteLLM writes logs in batches (every batchWriteSeconds); wait for this key's rows, within a bound.
    await expect
      .poll(
        async () => {
          logs = (await bridge().answer<{ logs: SpendLog[] }>("get_spend_logs", query)).logs;
          return logs.length;
        },
        { timeout: 10 * proxy!.batchWriteSeconds * 1000, interval: 1000 },
      )
      .toBe(tried.length);
    const seen = (rows: { model: string | null; status: string | null }[]) => rows.map((row) => `${row.status} ${row.model}`).sort();
    expect(seen(logs)).toEqual(seen(tried));
    for (const log of logs.filter((row) => row.status === "success")) {
      expect(log).toMatchObject({ user: userId, team_id: teamId, key_alias: alias });
      expect(log.spend).toBeGreaterThan(0);
      expect(log.request_tags).toEqual(expect.arrayContaining(["litellm-mcp", "tool:proxy_completion"]));
    }
    const onlyBeta = await bridge().answer<{ logs: SpendLog[] }>("get_spend_logs", { ...query, model: BETA.name });
    expect(seen(onlyBeta.logs)).toEqual(seen(tried.filter((row) => row.model === BETA.name)));
  }, 60_000);

  it("list_keys finds the key by part of its user's id, by its team and by part of its alias", async () => {
    const token = (await bridge().answer<{ keys: { token: string; key_alias: string }[] }>("list_keys", { team_id: teamId })).keys;
    expect(token.map((k) => k.key_alias)).toEqual([alias]);
    for (const filter of [{ user_id: `user-${run}` }, { key_alias: `KEY-${run}` }, { key_alias: alias }]) {
      const { keys, total_count } = await bridge().answer<{ keys: { token: string; key_alias: string }[]; total_count: number }>("list_keys", filter);
      expect(keys.map((k) => k.key_alias), JSON.stringify(filter)).toEqual([alias]);
      expect(keys[0]!.token).toBe(token[0]!.token);
      expect(total_count).toBe(1);
    }
  });

  it("get_user_info shows the user with the key", async () => {
    const info = await bridge().answer<{ user_id: string; user: { user_email: string; max_budget: number }; keys: { key_alias: string }[] }>("get_user_info", { user_id: userId });
    expect(info).toMatchObject({ user_id: userId, user: { user_email: `${userId}@example.com`, max_budget: 10 } });
    expect(info.keys.map((k) => k.key_alias)).toEqual([alias]);
  });

  it("get_team_info shows the team with the key", async () => {
    const info = await bridge().answer<{ team_id: string; team: { team_alias: string; max_budget: number }; keys: { key_alias: string }[] }>("get_team_info", { team_id: teamId });
    expect(info).toMatchObject({ team_id: teamId, team: { team_alias: `db-team-${run}`, max_budget: 50 } });
    expect(info.keys.map((k) => k.key_alias)).toEqual([alias]);
  });

  it("get_model_info describes each deployment, and one model's when asked", async () => {
    const all = await bridge().answer<{ models: { model_name: string; provider: string; mode: string | null }[] }>("get_model_info", {});
    expect(all.models.map((m) => m.model_name).sort()).toEqual([...proxy!.models, proxy!.unhealthyModel].sort());
    const one = await bridge().answer<{ models: { model_name: string; provider: string; mode: string; input_cost_per_token: number }[] }>("get_model_info", { model: ALPHA.name });
    expect(one.models).toEqual([expect.objectContaining({ model_name: ALPHA.name, provider: "openai", mode: "chat" })]);
    expect(one.models[0]!.input_cost_per_token).toBeGreaterThan(0);
  });

  it("check_health reports the proxy ready with its database connected", async () => {
    expect(await bridge().answer("check_health", {})).toMatchObject({ status: "healthy", db: "connected" });
  });

  it("check_model_health tests a model's deployment and finds it healthy", async () => {
    const health = await bridge().answer("check_model_health", { model: ALPHA.name });
    expect(health).toMatchObject({ healthy_count: 1, unhealthy_count: 0, healthy: [{ model: ALPHA.deployment, error: null }], unhealthy: [] });
  });

  it("regenerate_key says it needs LiteLLM Enterprise, and that retrying will not help", async () => {
    const text = await bridge().failure("regenerate_key", { key, duration: "1h" });
    expect(text).toMatch(/^This needs LiteLLM Enterprise, and the proxy has no Enterprise license: retrying will not help \(HTTP 500\)\. LiteLLM said: Regenerating Virtual Keys is an Enterprise feature/);
  });

  it("a key with a tiny budget answers once, then is refused because its budget is spent, with the figures", async () => {
    const tiny = await bridge().answer<{ key: string }>("generate_key", { models: [ALPHA.name], user_id: userId, duration: "1h", max_budget: 0.0000001 });
    const first = await bridge().call("proxy_completion", { model: ALPHA.name, messages: hello, key: tiny.key });
    expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
    const text = await bridge().failure("proxy_completion", { model: ALPHA.name, messages: hello, key: tiny.key });
    expect(text).toMatch(/^LiteLLM refused the call because the key's budget is used up \(HTTP 422\): \$0\.0000\d+ spent of \$0\.0000001\. Raise its max_budget with update_key, or use another key\.$/);
    await bridge().answer("delete_key", { keys: [tiny.key] });
  });

  it("delete_key deletes the key: it no longer works, and get_key_info reports it deleted", async () => {
    const { deleted } = await bridge().answer<{ deleted: string[] }>("delete_key", { keys: [key] });
    expect(deleted).toEqual([`sk-...${key.slice(-4)}`]);
    const text = await bridge().failure("proxy_completion", { model: ALPHA.name, messages: hello, key });
    expect(text).toBe('LiteLLM does not know the virtual key given in "key" (HTTP 401): it is mistyped, or it has been deleted.');
    const { info } = await bridge().answer<{ info: KeyInfo }>("get_key_info", { key });
    expect(info).toMatchObject({ status: "deleted", key_alias: alias });
    expect(Date.parse(info.deleted_at!)).toBeGreaterThan(Date.now() - 5 * 60_000);
  });

  it("called every tool the server lists, and the query-engine shim logged no error meanwhile", () => {
    expect([...bridge().called].sort()).toEqual(bridge().tools.map((t) => t.name).sort());
    expect(shimErrorsSince(proxy!, logFrom)).toEqual([]);
  });
});
