// The operator's policy judged by what LiteLLM does, on a real LiteLLM 1.108.7 with PostgreSQL: every way a
// review found to get more than the policy allows (an admin's key, a budget raised through metadata, a key
// that mints keys, a team admin's key, a model name with a space, a key taken over with regenerate_key, a key
// born expired, unbounded text) and their variants, done by the built server over stdio. Each refusal is
// checked against LiteLLM's own state, read with the master key: nothing was created or changed. Every key
// the server does mint is then tried with its own bearer on the routes the policy keeps from the assistant,
// and LiteLLM's own answers must refuse it.

import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { createUser, dbProxyLog, DB_MODELS, liteLLMAdmin, type DbProxy, STRICT_POLICY } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");
const [ALPHA, BETA] = DB_MODELS;
const run = randomBytes(4).toString("hex");
const hello = [{ role: "user", content: "Say hello" }];

const POLICY = { ...STRICT_POLICY, LITELLM_MCP_METADATA_FIELDS: "purpose" };

/** The routes every key the server mints is limited to, as LiteLLM must store them. */
const KEY_ROUTE_LIST = ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"];

/** A key within POLICY, for `user_id`: what the assistant may mint. */
const within = (user_id: string, extra: Record<string, unknown> = {}) => ({ models: [ALPHA.name], user_id, duration: "1h", max_budget: 0.01, ...extra });

type Row = Record<string, unknown>;

/** Every page of a LiteLLM listing, read with the master key. */
async function everyPage(path: (page: number) => string, rows: (body: Row) => unknown[]): Promise<Row[]> {
  const all: Row[] = [];
  for (let page = 1; ; page++) {
    const answer = await liteLLMAdmin(proxy!, "GET", path(page));
    expect(answer.status, `${path(page)}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(200);
    const items = rows(answer.body as Row) as Row[];
    all.push(...items);
    if (items.length < 100) return all;
  }
}

const pick = (row: Row, fields: string[]) => Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));
const byId = (field: string) => (a: Row, b: Row) => String(a[field]).localeCompare(String(b[field]));

/**
 * What LiteLLM holds that a write could grant or change: every key, user, team, deployment and budget, with
 * the fields that say what each may do. Spend is left out: LiteLLM books it in batches, seconds later.
 */
async function proxyState(): Promise<Record<string, Row[]>> {
  const keys = await everyPage((page) => `/key/list?return_full_object=true&size=100&page=${page}`, (body) => body.keys as unknown[]);
  const users = await everyPage((page) => `/user/list?page_size=100&page=${page}`, (body) => body.users as unknown[]);
  const teams = await everyPage((page) => `/v2/team/list?page_size=100&page=${page}`, (body) => body.teams as unknown[]);
  const models = ((await liteLLMAdmin(proxy!, "GET", "/model/info")).body as { data: Row[] }).data;
  const budgets = (await liteLLMAdmin(proxy!, "GET", "/budget/list")).body as Row[];
  return {
    keys: keys.map((k) => pick(k, ["token", "key_alias", "user_id", "team_id", "models", "max_budget", "budget_duration", "expires", "metadata", "allowed_routes", "key_type", "blocked"])).sort(byId("token")),
    users: users.map((u) => pick(u, ["user_id", "user_role", "user_email", "user_alias", "models", "max_budget", "budget_duration", "metadata", "teams"])).sort(byId("user_id")),
    teams: teams.map((t) => pick(t, ["team_id", "team_alias", "models", "max_budget", "budget_duration", "metadata", "blocked", "members_with_roles"])).sort(byId("team_id")),
    models: models.map((m) => ({ model_name: m.model_name, id: (m.model_info as Row | undefined)?.id ?? null })).sort(byId("id")),
    budgets: (Array.isArray(budgets) ? budgets : []).map((b) => pick(b, ["budget_id", "max_budget", "budget_duration"])).sort(byId("budget_id")),
  };
}

/** Routes the policy keeps from the assistant, as a key would call them with its own bearer. */
function forbiddenRoutes(key: string, userId: string, teamId: string): [string, "GET" | "POST", string, unknown?][] {
  const hash = keyHash(key);
  return [
    ["mint a key for any model", "POST", "/key/generate", { models: [BETA.name] }],
    ["raise its own budget and lifetime", "POST", "/key/update", { key, max_budget: 1000, duration: "365d", models: [BETA.name] }],
    ["take over a key", "POST", "/key/regenerate", { key }],
    ["reset its own spend", "POST", `/key/${hash}/reset_spend`, { reset_to: 0 }],
    ["block itself", "POST", "/key/block", { key }],
    ["delete itself", "POST", "/key/delete", { keys: [key] }],
    ["read its own row", "GET", `/key/info?key=${hash}`],
    ["list keys", "GET", "/key/list"],
    ["read its user", "GET", `/user/info?user_id=${userId}`],
    ["list users", "GET", "/user/list"],
    ["create a user", "POST", "/user/new", { user_id: `own-bearer-${run}`, user_role: "proxy_admin" }],
    ["raise its user's budget and role", "POST", "/user/update", { user_id: userId, max_budget: 1000, user_role: "proxy_admin" }],
    ["create a team", "POST", "/team/new", { team_alias: `own-bearer-${run}` }],
    ["change a team", "POST", "/team/update", { team_id: teamId, max_budget: 1000 }],
    ["add a team admin", "POST", "/team/member_add", { team_id: teamId, member: [{ user_id: userId, role: "admin" }] }],
    ["read a team", "GET", `/team/info?team_id=${teamId}`],
    ["read spend logs", "GET", "/spend/logs"],
    ["reset everyone's spend", "POST", "/global/spend/reset", {}],
    ["add a deployment", "POST", "/model/new", { model_name: `own-bearer-${run}`, litellm_params: { model: "openai/gpt-4o" } }],
    ["create a budget", "POST", "/budget/new", { max_budget: 1000 }],
    // LiteLLM's LLM routes beyond completions, embeddings and the model list: each reaches the operator's
    // provider account, several with no model named, so no key's models or budget would hold them.
    ["reach OpenAI through the pass-through", "POST", "/openai/v1/images/generations", { prompt: "a cat", n: 10 }],
    ["reach Anthropic through the pass-through", "POST", "/anthropic/v1/messages", { model: ALPHA.name, max_tokens: 5, messages: hello }],
    ["open a container", "POST", "/v1/containers", { name: "c" }],
    ["upload a file", "POST", "/v1/files", { purpose: "batch" }],
    ["list files through a provider's route", "GET", "/v1/v1/files"],
    ["run a batch", "POST", "/v1/batches", { input_file_id: "file-1", endpoint: "/v1/chat/completions", completion_window: "24h" }],
    ["create an assistant thread", "POST", "/v1/threads", {}],
    ["generate images", "POST", "/v1/images/generations", { model: ALPHA.name, prompt: "a cat" }],
    ["call the Responses API", "POST", "/v1/responses", { model: ALPHA.name, input: "hi" }],
    ["call Anthropic's messages route", "POST", "/v1/messages", { model: ALPHA.name, max_tokens: 5, messages: hello }],
    ["call a model by Google's route", "POST", `/models/${ALPHA.name}:generateContent`, { contents: [{ parts: [{ text: "hi" }] }] }],
    ["call a model by an Azure-style route", "POST", `/openai/deployments/${ALPHA.name}/chat/completions`, { messages: hello }],
    ["call a model by an engines route", "POST", `/engines/${ALPHA.name}/chat/completions`, { messages: hello }],
    ["list models without /v1 (below it: Google's generateContent)", "GET", "/models"],
    ["embed without /v1 (below it: /{provider}/v1/files)", "POST", "/embeddings", { model: ALPHA.name, input: "hi" }],
    ["moderate", "POST", "/v1/moderations", { input: "hi" }],
    ["rerank", "POST", "/v1/rerank", { model: ALPHA.name, query: "a", documents: ["b"] }],
    ["speak", "POST", "/v1/audio/speech", { model: ALPHA.name, input: "hi", voice: "alloy" }],
    ["create a vector store", "POST", "/v1/vector_stores", { name: "v" }],
    ["list MCP tools", "POST", "/mcp", { jsonrpc: "2.0", id: 1, method: "tools/list" }],
    ["read MCP servers", "GET", "/v1/mcp/server"],
    ["run a health check", "GET", `/health?model=${ALPHA.name}`],
  ];
}

/**
 * LiteLLM's refusal of a route a key may not call: its check of the key's allowed_routes (403), or, on the
 * routes only the master key may call, that rule (401). A key whose budget is spent (`spent`) is refused that
 * first on the LLM routes (422).
 */
function expectRefused(answer: { status: number; body: unknown }, could: string, spent = false): void {
  const said = JSON.stringify(answer.body);
  const refusals: [number, RegExp][] = [
    [403, /Virtual key is not allowed to call this route/],
    [401, /which is only for MASTER KEY/],
    ...(spent ? [[422, /Budget has been exceeded/] as [number, RegExp]] : []),
  ];
  expect.soft(refusals.some(([status, words]) => answer.status === status && words.test(said)), `${could} → ${answer.status} ${said.slice(0, 200)}`).toBe(true);
}

/** A call with the key's own bearer, straight to LiteLLM. */
async function asKey(key: string, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${proxy!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

describe.skipIf(!proxy)("the policy by effect, on a real LiteLLM with its database", () => {
  const bridge = useDbServer("db-policy-effects", proxy, POLICY);
  // The same policy with generate_key disabled: regenerate_key must hand out nothing either.
  const noMint = useDbServer("db-policy-effects-no-mint", proxy, { ...POLICY, LITELLM_MCP_DISABLED_TOOLS: "generate_key" });
  // No policy at all: what can never work is refused all the same.
  const open = useDbServer("db-policy-effects-open", proxy, { LITELLM_MCP_TOOLSETS: "all" });

  const user = (role: string) => `pe-${run}-${role}`;
  const ROLES = ["proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer"] as const;
  let plainTeam: string;
  let adminTeam: string;
  let credential: string;
  let logFrom: number;
  /** Every key the server minted, with whose it is: tried with its own bearer at the end. */
  const minted: { key: string; userId: string; teamId: string }[] = [];
  /** Those whose budget a test spent: LiteLLM refuses them that before it looks at an LLM route. */
  const spent = new Set<string>();

  beforeAll(async () => {
    logFrom = dbProxyLog(proxy!).length;
    for (const role of ROLES) await createUser(proxy!, user(role), { user_role: role });
    await createUser(proxy!, user("norole"), { user_role: undefined });
    // A team the master key creates: LiteLLM makes default_user_id its admin.
    plainTeam = ((await liteLLMAdmin(proxy!, "POST", "/team/new", { team_alias: `pe-${run}-plain`, max_budget: 5, models: [ALPHA.name] })).body as { team_id: string }).team_id;
    await liteLLMAdmin(proxy!, "POST", "/team/member_add", { team_id: plainTeam, member: [{ user_id: user("internal_user"), role: "user" }] });
    // A team whose admin is an internal user.
    adminTeam = ((await liteLLMAdmin(proxy!, "POST", "/team/new", { team_alias: `pe-${run}-admin`, max_budget: 5, members_with_roles: [{ user_id: user("internal_user"), role: "admin" }] })).body as { team_id: string }).team_id;
    credential = `pe-cred-${run}`;
    const stored = await liteLLMAdmin(proxy!, "POST", "/credentials", { credential_name: credential, credential_values: { api_key: `sk-provider-${run}`, mock_response: "priced or not" }, credential_info: { custom_llm_provider: "openai" } });
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
  });

  /** Calls a tool that must be refused, and checks with LiteLLM that nothing was created or changed. */
  async function refusedWithNothingChanged(tool: string, args: Record<string, unknown>, message: RegExp, server = bridge): Promise<string> {
    const before = await proxyState();
    const text = await server().failure(tool, args);
    expect(text).toMatch(message);
    expect(await proxyState(), `${tool} ${JSON.stringify(args).slice(0, 200)} changed LiteLLM's state`).toEqual(before);
    return text;
  }

  async function mint(args: Record<string, unknown>): Promise<string> {
    const { key } = await bridge().answer<{ key: string }>("generate_key", args);
    minted.push({ key, userId: String(args.user_id), teamId: String(args.team_id ?? plainTeam) });
    return key;
  }

  describe("1. a key carries its user's role: no key for an admin, of any kind, nor for a user LiteLLM lacks", () => {
    it.each(["proxy_admin", "proxy_admin_viewer"])("generate_key for a %s user is refused", async (role) => {
      await refusedWithNothingChanged("generate_key", within(user(role)), new RegExp(`^Refused by policy: "${user(role)}" has LiteLLM's role ${role}`));
    });

    it("generate_key for a user LiteLLM does not have is refused (LiteLLM would mint a key answering to no user's budget)", async () => {
      await refusedWithNothingChanged("generate_key", within(user("nobody")), /^LiteLLM has no user/);
    });

    it("for an internal user, a user of no role, and a viewer, it mints, and LiteLLM holds each key to the exact routes asked for", async () => {
      for (const who of [user("internal_user"), user("norole"), user("internal_user_viewer")]) {
        const key = await mint(within(who));
        const info = (await liteLLMAdmin(proxy!, "GET", `/key/info?key=${keyHash(key)}`)).body as { info: Row };
        expect(info.info).toMatchObject({ user_id: who, models: [ALPHA.name], max_budget: 0.01, allowed_routes: KEY_ROUTE_LIST, key_type: "default" });
      }
    });
  });

  describe("2. metadata LiteLLM acts on is refused, on every path and in every spelling", () => {
    const raise = { temp_budget_increase: 1000, temp_budget_expiry: "2099-01-01T00:00:00Z" };
    it.each([
      ["generate_key", () => within(user("internal_user"), { metadata: raise })],
      ["generate_key, another spelling", () => within(user("internal_user"), { metadata: { Temp_Budget_Increase: 1000 } })],
      ["generate_key, a space before it", () => within(user("internal_user"), { metadata: { " temp_budget_increase": 1000 } })],
      ["generate_key, rate limits", () => within(user("internal_user"), { metadata: { model_rpm_limit: { [ALPHA.name]: 100000 } } })],
      ["generate_key, guardrails off", () => within(user("internal_user"), { metadata: { disable_global_guardrails: true, purpose: "ok" } })],
    ])("%s", async (_case, args) => {
      await refusedWithNothingChanged("generate_key", args(), /^Refused by policy: metadata may carry the fields the operator allows \("purpose"\)/);
    });

    it("update_key, update_user, create_user, update_team and create_team refuse it too", async () => {
      const key = await mint(within(user("internal_user")));
      const refusal = /^Refused by policy: metadata may carry/;
      await refusedWithNothingChanged("update_key", { key, metadata: raise }, refusal);
      await refusedWithNothingChanged("update_user", { user_id: user("internal_user"), metadata: { model_tpm_limit: { [ALPHA.name]: 1 } } }, refusal);
      await refusedWithNothingChanged("create_user", { user_id: user("meta"), models: [ALPHA.name], max_budget: 1, metadata: { temp_budget_increase: 5 } }, refusal);
      await refusedWithNothingChanged("update_team", { team_id: plainTeam, metadata: { guardrails: [] } }, refusal);
      await refusedWithNothingChanged("create_team", { team_alias: `pe-${run}-meta`, models: [ALPHA.name], max_budget: 1, metadata: { logging: [] } }, refusal);
    });

    it("the same field nested inside an allowed one is free text to LiteLLM: the key's budget still ends where max_budget says", async () => {
      const key = await mint(within(user("internal_user"), { max_budget: 0.00005, metadata: { purpose: raise } }));
      const spend = async () => asKey(key, "POST", "/chat/completions", { model: ALPHA.name, messages: hello });
      // LiteLLM books spend in batches: keep calling until it refuses for the budget.
      let refusal: { status: number; body: unknown } | undefined;
      for (let i = 0; i < 40 && !refusal; i++) {
        const answer = await spend();
        if (answer.status !== 200) refusal = answer;
        else await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      spent.add(key);
      expect(refusal, "the key kept spending past its max_budget").toBeDefined();
      expect(JSON.stringify(refusal!.body)).toMatch(/budget/i);
    }, 90_000);
  });

  describe("3. a minted key cannot mint, update or read with its own bearer, whatever its user's role becomes", () => {
    it("update_user moving a viewer to internal_user leaves the viewer's key limited to its exact routes", async () => {
      const key = await mint(within(user("internal_user_viewer")));
      await bridge().answer("update_user", { user_id: user("internal_user_viewer"), user_role: "internal_user" });
      const answer = await asKey(key, "POST", "/key/generate", { models: [BETA.name] });
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).toMatch(/Virtual key is not allowed to call this route/);
    });

    it("users LiteLLM creates on its own (update_user on an unknown id, add_team_member by email) get keys limited the same way", async () => {
      const created = user("created-by-update");
      await bridge().answer("update_user", { user_id: created, max_budget: 1 });
      await mint(within(created));
      const added = await bridge().answer<{ added: { user_id: string }[] }>("add_team_member", { team_id: plainTeam, members: [{ user_email: `pe-${run}@example.com` }], max_budget_in_team: 0.5 });
      const newcomer = added.added[0]!.user_id;
      const team = (await liteLLMAdmin(proxy!, "GET", `/team/info?team_id=${plainTeam}`)).body as { team_info: { members_with_roles: Row[] } };
      // Joined as a member, never an admin.
      expect(team.team_info.members_with_roles.find((m) => m.user_id === newcomer)).toMatchObject({ role: "user" });
      await mint(within(newcomer, { team_id: plainTeam }));
    });
  });

  describe("4. no key for a team whose admin the user is", () => {
    it("default_user_id, which LiteLLM makes admin of every team the master key creates, gets no team key", async () => {
      await refusedWithNothingChanged("generate_key", within("default_user_id", { team_id: plainTeam }), /^Refused by policy: "default_user_id" is an admin of team/);
    });

    it("nor does an internal user who is a team's admin, for that team; for a team it is a member of, it does", async () => {
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { team_id: adminTeam }), /is an admin of team/);
      await mint(within(user("internal_user"), { team_id: plainTeam }));
    });

    it("a team LiteLLM does not have is refused before writing, with or without a policy", async () => {
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { team_id: `pe-${run}-no-team` }), /^LiteLLM has no team/);
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { team_id: `pe-${run}-no-team` }), /^LiteLLM has no team/, open);
      await refusedWithNothingChanged("generate_key", within(user("nobody")), /^LiteLLM has no user/, open);
    });
  });

  describe("5. model names are compared as LiteLLM compares them, and a deployment the assistant adds has a price", () => {
    it.each([`${ALPHA.name}\u00a0`, ` ${ALPHA.name}`, `${ALPHA.name}\u3000`, `${ALPHA.name}\u200b`, `${ALPHA.name},${BETA.name}`, "mock-*", "*"])("add_model under %j is refused", async (model_name) => {
      await refusedWithNothingChanged("add_model", { model_name, model: "openai/gpt-4o-mini", litellm_credential_name: credential }, /model name|LITELLM_MCP_ALLOWED_MODELS/);
    });

    it.each([ALPHA.name.toUpperCase(), `\uff4d${ALPHA.name.slice(1)}`])("add_model under %j, which reads as an allowed model, is refused", async (model_name) => {
      await refusedWithNothingChanged("add_model", { model_name, model: "openai/gpt-4o-mini", litellm_credential_name: credential }, /^Refused by policy: .* reads as, "mock-alpha"/);
    });

    it("a model LiteLLM cannot price is added, found unpriced, and taken out again", async () => {
      await refusedWithNothingChanged("add_model", { model_name: `pe-${run}-free`, model: "openai/no-such-model-in-the-cost-map", litellm_credential_name: credential }, /^Refused by policy: LiteLLM has no price for .*the deployment was deleted again/);
    });

    it("generate_key for a model the proxy does not serve is refused before writing, with no policy set", async () => {
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { models: [ALPHA.name, `pe-${run}-nope`] }), new RegExp(`^LiteLLM serves no model named "pe-${run}-nope"`), open);
      // "*" would mean every model: not a name LiteLLM serves, and not a name at all here.
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { models: ["*"] }), /model name/, open);
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { models: ["all-proxy-models"] }), /serves no model named "all-proxy-models"/, open);
    });
  });

  describe("6. regenerate_key hands out no secret the policy would not mint", () => {
    it("with generate_key disabled, it is refused, for a key the listing shows by hash", async () => {
      const key = await mint(within(user("internal_user")));
      await refusedWithNothingChanged("regenerate_key", { key: keyHash(key), duration: "1h", models: [ALPHA.name], max_budget: 0.01 }, /generate_key is disabled/, noMint);
    });

    it("a key the operator minted without route limits, or an admin's key, is refused before LiteLLM is asked", async () => {
      const plain = ((await liteLLMAdmin(proxy!, "POST", "/key/generate", { user_id: user("internal_user"), models: [ALPHA.name], duration: "1h", max_budget: 0.01 })).body as { key: string }).key;
      await refusedWithNothingChanged("regenerate_key", { key: keyHash(plain), duration: "1h", models: [ALPHA.name], max_budget: 0.01 }, /may call every route its user's role allows/);
      const admins = ((await liteLLMAdmin(proxy!, "POST", "/key/generate", { user_id: user("proxy_admin"), models: [ALPHA.name], duration: "1h", max_budget: 0.01, allowed_routes: KEY_ROUTE_LIST })).body as { key: string }).key;
      await refusedWithNothingChanged("regenerate_key", { key: keyHash(admins), duration: "1h", models: [ALPHA.name], max_budget: 0.01 }, /has LiteLLM's role proxy_admin/);
    });

    it("nor is a key of key_type llm_api, whose route group reaches the provider pass-through routes", async () => {
      const grouped = ((await liteLLMAdmin(proxy!, "POST", "/key/generate", { user_id: user("internal_user"), models: [ALPHA.name], duration: "1h", max_budget: 0.01, key_type: "llm_api" })).body as { key: string }).key;
      await refusedWithNothingChanged("regenerate_key", { key: keyHash(grouped), duration: "1h", models: [ALPHA.name], max_budget: 0.01 }, /its allowed_routes are "llm_api_routes", not exactly/);
    });
  });

  describe("7. no key born expired, no unbounded text", () => {
    it.each(["0s", "59s", "0d"])("generate_key and update_key refuse duration %s", async (duration) => {
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { duration }), /duration/i);
      const key = minted[0]!.key;
      await refusedWithNothingChanged("update_key", { key, duration }, /duration/i);
    });

    it("a 200,000-character key_alias or user_id is refused", async () => {
      const long = "x".repeat(200_000);
      await refusedWithNothingChanged("generate_key", within(user("internal_user"), { key_alias: long }), /key_alias|256/);
      await refusedWithNothingChanged("generate_key", within(long), /user_id|256/);
      await refusedWithNothingChanged("create_team", { team_alias: long, models: [ALPHA.name], max_budget: 1 }, /team_alias|256/);
    });
  });

  describe("LiteLLM holds a key to its allowed_routes, whatever its user's role and pass-through settings", () => {
    it("the proxy has no Enterprise licence, and the master key sets the list all the same", async () => {
      const license = (await liteLLMAdmin(proxy!, "GET", "/health/license")).body as Row;
      expect(license).toMatchObject({ has_license: false, license_type: "community" });
    });

    it.each([...ROLES, "norole"])("a key of a %s user, with pass-through routes allowed in its metadata and its team's", async (role) => {
      const passThrough = { allowed_passthrough_routes: ["/openai", "/anthropic", "/v1"] };
      const team = ((await liteLLMAdmin(proxy!, "POST", "/team/new", { team_alias: `pe-${run}-pt-${role}`, models: [ALPHA.name], metadata: passThrough })).body as { team_id: string }).team_id;
      const created = await liteLLMAdmin(proxy!, "POST", "/key/generate", { user_id: user(role), team_id: team, models: [ALPHA.name], duration: "1h", max_budget: 1, allowed_routes: KEY_ROUTE_LIST, metadata: passThrough });
      expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(200);
      const { key } = created.body as { key: string };
      for (const [what, method, path, body] of forbiddenRoutes(key, user(role), team)) {
        expectRefused(await asKey(key, method, path, body), `a ${role} key could ${what}: ${method} ${path}`);
      }
      expect((await asKey(key, "POST", "/v1/chat/completions", { model: ALPHA.name, messages: hello })).status).toBe(200);
    }, 120_000);
  });

  describe("the same refusal wherever LiteLLM reads a key from", () => {
    /** An HTTP upgrade to a WebSocket route, the key in the subprotocol as browsers send it: 101 when accepted. */
    function upgrade(key: string, path: string): Promise<number> {
      const url = new URL(path, proxy!.url);
      return new Promise((resolve, reject) => {
        const request = httpRequest({
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": randomBytes(16).toString("base64"), "sec-websocket-protocol": `realtime, openai-insecure-api-key.${key}` },
        });
        request.on("upgrade", (response, socket) => {
          socket.destroy();
          resolve(response.statusCode ?? 0);
        });
        request.on("response", (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on("error", reject);
        request.setTimeout(60_000, () => request.destroy(new Error(`no answer to the upgrade at ${path}`)));
        request.end();
      });
    }

    it("the provider key headers, Langfuse's Basic auth and a WebSocket's subprotocol", async () => {
      const key = minted[0]!.key;
      const sent: [string, string, Record<string, string>, unknown][] = [
        ["/anthropic/v1/messages", "x-api-key", { "x-api-key": key }, { model: ALPHA.name, max_tokens: 5, messages: hello }],
        [`/gemini/v1beta/models/${ALPHA.name}:generateContent`, "x-goog-api-key", { "x-goog-api-key": key }, { contents: [] }],
        ["/openai/v1/images/generations", "api-key", { "api-key": key }, { prompt: "a cat" }],
        ["/langfuse/api/public/ingestion", "Basic", { authorization: `Basic ${Buffer.from(`pk:${key}`).toString("base64")}` }, { batch: [] }],
      ];
      for (const [path, how, headers, body] of sent) {
        const response = await fetch(`${proxy!.url}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
        const text = await response.text();
        expect.soft(response.status, `${path} with the key as ${how}: ${text.slice(0, 200)}`).toBe(403);
        expect.soft(text, `${path} with the key as ${how}`).toMatch(/Virtual key is not allowed to call this route/);
      }
      for (const path of [`/v1/realtime?model=${ALPHA.name}`, `/realtime?model=${ALPHA.name}`, `/openai/v1/realtime?model=${ALPHA.name}`, "/v1/live/sessions"]) {
        expect.soft(await upgrade(key, path), `WebSocket ${path}`).toBe(403);
      }
    });

    /** A POST sent with its path exactly as written (fetch would resolve dot segments first). */
    function postAsWritten(key: string, path: string): Promise<{ status: number; text: string }> {
      const url = new URL(proxy!.url);
      const body = JSON.stringify({ model: ALPHA.name, messages: hello, prompt: "a cat" });
      return new Promise((resolve, reject) => {
        const request = httpRequest({ host: url.hostname, port: url.port, method: "POST", path, agent: false, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        });
        request.on("error", reject);
        request.setTimeout(60_000, () => request.destroy(new Error(`no answer at ${path}`)));
        request.end(body);
      });
    }

    it("other spellings of a route reach nothing more: LiteLLM matches none of them to a route it serves, or refuses it", async () => {
      const key = minted[0]!.key;
      const spellings = [
        "/Chat/Completions",
        "/V1/CHAT/COMPLETIONS",
        "//chat/completions",
        "/chat/completions/../../openai/v1/images/generations",
        "/chat/completions/%2E%2E/%2E%2E/openai/v1/images/generations",
        "/chat/completions%2F..%2F..%2Fopenai%2Fv1%2Fimages%2Fgenerations",
        "/v1/chat/completions/x",
        "/chat/completions/v1/files",
        "/v1/models/v1/files",
        "/v1/embeddings/v1/batches",
        "/v1/chat/completions/mcp",
        "/OPENAI/v1/images/generations",
        "/openai/v1/images/generations?route=/chat/completions",
      ];
      for (const path of spellings) {
        const answer = await postAsWritten(key, path);
        // 404/405: no route of LiteLLM's answers to that path; 403: its route check refused the key.
        expect.soft([403, 404, 405], `${path} → ${answer.status} ${answer.text.slice(0, 200)}`).toContain(answer.status);
        if (answer.status === 403) expect.soft(answer.text, path).toMatch(/Virtual key is not allowed to call this route/);
      }
    });
  });

  describe("every key the server minted, tried with its own bearer", () => {
    it("LiteLLM refuses each the routes the policy keeps from the assistant, and changes nothing", async () => {
      expect(minted.length).toBeGreaterThanOrEqual(7);
      const before = await proxyState();
      for (const { key, userId, teamId } of minted) {
        for (const [what, method, path, body] of forbiddenRoutes(key, userId, teamId)) {
          expectRefused(await asKey(key, method, path, body), `a minted key could ${what}: ${method} ${path}`, spent.has(key));
        }
      }
      expect(await proxyState()).toEqual(before);
    }, 300_000);

    it("and may call the model it was granted on each of its routes, and no other model", async () => {
      // LiteLLM reserves an estimate of each call against the budget: a key minted without the 0.01 USD cap.
      const { key } = await open().answer<{ key: string }>("generate_key", within(user("internal_user"), { max_budget: 1 }));
      const granted: [string, "GET" | "POST", string, unknown?][] = [
        ["chat", "POST", "/chat/completions", { model: ALPHA.name, messages: hello }],
        ["chat under /v1", "POST", "/v1/chat/completions", { model: ALPHA.name, messages: hello }],
        ["text completion", "POST", "/v1/completions", { model: ALPHA.name, prompt: "hi" }],
        ["embedding", "POST", "/v1/embeddings", { model: ALPHA.name, input: "hi" }],
        ["model list", "GET", "/v1/models"],
        ["one model", "GET", `/v1/models/${ALPHA.name}`],
      ];
      for (const [what, method, path, body] of granted) {
        const answer = await asKey(key, method, path, body);
        expect.soft(answer.status, `${what}: ${JSON.stringify(answer.body).slice(0, 200)}`).toBe(200);
      }
      const listed = (await asKey(key, "GET", "/v1/models")).body as { data: { id: string }[] };
      expect(listed.data.map((m) => m.id)).toEqual([ALPHA.name]);
      const other = await asKey(key, "POST", "/chat/completions", { model: BETA.name, messages: hello });
      expect(other.status).toBe(403);
    });
  });

  it("8. no key reached LiteLLM in a URL: its access log shows hashes", () => {
    const lines = dbProxyLog(proxy! as DbProxy).slice(logFrom).split("\n").filter((line) => /"(GET|POST) \/key\/[^"]*/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const { key } of minted) expect(dbProxyLog(proxy!).slice(logFrom)).not.toContain(key);
  });
});
